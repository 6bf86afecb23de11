; A module for a CPU that lineprof's runtime does not run on. Found by
; tests/fuzz/plugin_ir.sh on LLVM's own tests (GVN/pr25440.ll for
; thumbv7, IndVarSimplify/pr24783.ll for powerpc64, and five more): with
; exact probes, llc crashed selecting llvm.addressofreturnaddress, which
; LLVM implements for x86 and AArch64 alone. The runtime runs on x86,
; x86-64 and AArch64 only (rt_sample.c), so a module for another CPU is
; left alone, with a warning for each selected function; one for AArch64
; is instrumented and compiles, and one without a triple is the host's.
; RUN: %opt -mtriple=thumbv7-linux-gnueabi -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.arm.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck --check-prefix=LEFT %s < %t.arm.ll
; RUN: %opt -mtriple=powerpc64le-linux-gnu -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.ppc.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck --check-prefix=LEFT %s < %t.ppc.ll
; RUN: %opt -mtriple=riscv64-linux-gnu -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.rv.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck --check-prefix=LEFT %s < %t.rv.ll
; RUN: %opt -mtriple=aarch64-linux-gnu -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.a64.ll 2>&1 | count 0
; RUN: FileCheck --check-prefix=PROFILED %s < %t.a64.ll
; RUN: %clang --target=aarch64-linux-gnu -c %t.a64.ll -o %t.a64.o
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.host.ll 2>&1 | count 0
; RUN: FileCheck --check-prefix=PROFILED %s < %t.host.ll
; WARN: warning: {{.*}}lineprof: 'f' is not profiled: lineprof's runtime runs on x86, x86-64 and AArch64 only
; LEFT-NOT: lineprof
; LEFT: define i32 @f(
; LEFT-NOT: lineprof
; PROFILED: @lineprof.module
; PROFILED: define i32 @f(
; PROFILED: call {{.*}}@llvm.addressofreturnaddress

define i32 @f(i32 %n) !dbg !3 {
entry:
  %a = add i32 %n, 1, !dbg !6
  ret i32 %a, !dbg !7
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "cpu-targets.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 2, column: 3, scope: !3)
!7 = !DILocation(line: 3, column: 3, scope: !3)
