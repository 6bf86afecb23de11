; A call of llvm.experimental.deoptimize must be followed by its `ret`,
; like a musttail call (lit/pass/musttail-ret-line.ll). Found by
; tests/fuzz/plugin_ir.sh on LLVM's own tests
; (Transforms/RewriteStatepointsForGC/deopt-intrinsic.ll): the `ret`, on
; another line than the call after debugify, got that line's event, and the
; return's epilogue went between the call and the `ret`; `verify` rejected
; the module ("calls to experimental_deoptimize must be followed by a
; return"). Now the `ret` is part of the call's line and the epilogue goes
; before the call.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o - | FileCheck %s
; Without exact probes @f is a leaf (an intrinsic is no call of the
; program's), which takes no frame: nothing before the call.
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<all>,verify' -S %s -o - | FileCheck --check-prefix=LEAF %s
; LEAF-LABEL: define i32 @f(
; LEAF-NOT: __lineprof_stack
; LEAF: %v = call i32 (...) @llvm.experimental.deoptimize.i32(i32 %x)
; LEAF-NEXT: ret i32 %v
; CHECK: @lineprof.lines = private unnamed_addr constant [2 x i32] [i32 2, i32 3]
; CHECK-LABEL: define i32 @f(
; CHECK-LABEL: deopt:
; CHECK: store volatile i32 {{%[0-9]+}}, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: %v = call i32 (...) @llvm.experimental.deoptimize.i32(i32 %x)
; CHECK-NEXT: ret i32 %v

declare i32 @llvm.experimental.deoptimize.i32(...)

define i32 @f(i32 %x) !dbg !3 {
entry:
  %c = icmp eq i32 %x, 0, !dbg !6
  br i1 %c, label %deopt, label %done, !dbg !6

deopt:
  %v = call i32 (...) @llvm.experimental.deoptimize.i32(i32 %x) [ "deopt"() ], !dbg !7
  ret i32 %v, !dbg !8

done:
  ret i32 0, !dbg !7
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "deoptimize.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 2, column: 3, scope: !3)
!7 = !DILocation(line: 3, column: 3, scope: !3)
!8 = !DILocation(line: 4, column: 3, scope: !3)
