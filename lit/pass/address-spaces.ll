; A target whose stack is not in address space 0 (AMDGPU's datalayout has
; A5). Found by tests/fuzz/plugin_ir.sh on LLVM's own tests
; (Transforms/AlignmentFromAssumptions/amdgpu-crash.ll): the exact probes
; passed the timed call's alloca, in address space 5, to the runtime as a
; generic pointer, and the verifier rejected the bitcast. And an AMDGPU
; module without that datalayout (Transforms/OpenMP/add_attributes_amdgcn.ll)
; was instrumented, but llc cannot select its thread-local counter block
; pointer. lineprof's probes and runtime are the host's: a module for a GPU
; (AMDGPU, NVPTX, SPIR-V) or whose stack, globals or code are outside
; address space 0 is left alone, with a warning for each selected function.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck %s < %t.ll
; RUN: sed '/^target datalayout/d' %s | %opt -mtriple=amdgcn-amd-amdhsa -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S -o %t.gpu.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck %s < %t.gpu.ll
; WARN: warning: {{.*}}lineprof: 'f' is not profiled: its target is a GPU or puts the stack or globals outside address space 0
; CHECK-NOT: lineprof
; CHECK: define i32 @f(
; CHECK-NOT: lineprof

target datalayout = "A5"

define i32 @f(i32 %n) !dbg !3 {
entry:
  %a = alloca i32, align 4, addrspace(5)
  store i32 %n, i32 addrspace(5)* %a, align 4, !dbg !6
  %r = load i32, i32 addrspace(5)* %a, align 4, !dbg !7
  ret i32 %r, !dbg !7
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "address-spaces.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 2, column: 3, scope: !3)
!7 = !DILocation(line: 3, column: 3, scope: !3)
