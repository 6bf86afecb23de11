; Parallel exit edges of a loop whose hits count in a local
; (plugin/LoopHitCounters.cpp): the loop calls nothing, so each exit edge
; gets a block that adds the local to the thread's counters. Here the
; latch's `switch` leaves the loop by two cases to %exit, whose PHI has an
; entry per edge. The flush block took both edges but both PHI entries were
; rewritten to it: `verify` rejected the module ("PHINode should have one
; entry for each predecessor of its parent basic block!"). Found while
; fixing lit/pass/parallel-back-edges.ll (the same for back edges); llvm-stress
; makes such switches. Now %exit's PHI has one entry for the flush block.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<all>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o - | FileCheck %s
; CHECK-LABEL: define i32 @f(
; CHECK: load i64, i64* %lineprof.loophits
; CHECK: switch i32 %next, label %lineprof.backedge [
; CHECK-NEXT: i32 10, label %[[FLUSH:[0-9]+]]
; CHECK-NEXT: i32 20, label %[[FLUSH]]
; CHECK: [[FLUSH]]:
; CHECK: load i64, i64* %lineprof.loophits
; CHECK: exit:
; CHECK-NEXT: %r = phi i32 [ %next, %[[FLUSH]] ]{{$|, !dbg}}

define i32 @f(i32 %n) !dbg !3 {
entry:
  br label %loop, !dbg !6

loop:
  %i = phi i32 [ 0, %entry ], [ %next, %loop ]
  %next = add i32 %i, 1, !dbg !7
  switch i32 %next, label %loop [
    i32 10, label %exit
    i32 20, label %exit
  ], !dbg !7

exit:
  %r = phi i32 [ %next, %loop ], [ %next, %loop ]
  ret i32 %r, !dbg !8
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "parallel-exit-edges.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 2, column: 3, scope: !3)
!7 = !DILocation(line: 3, column: 5, scope: !3)
!8 = !DILocation(line: 4, column: 3, scope: !3)
