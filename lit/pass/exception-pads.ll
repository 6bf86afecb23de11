; Exception handling (C with -fexceptions and cleanup attributes, or any
; IR with invokes). Found by tests/fuzz/plugin_ir.sh on LLVM's own tests
; (Transforms/ADCE/dce_pure_invoke.ll and others): a line event was put
; before a located landingpad, which must come first in its block; the
; verifier rejected the module. Now an exception-handling pad generates no
; code and its line starts at the next instruction. Two more places could
; have put a block on an unwind edge, whose target must stay a pad: the
; back-edge site of a loop through a landing pad (@retry: every iteration
; on line 2) and the flush of hits counted in a local on a loop's exit edge
; (@spin's loop calls nothing but an invoked llvm.donothing). Neither gets
; its probe there any more.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<all>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<all>,default<O2>,verify' -disable-output %s
; CHECK-LABEL: define void @retry(
; CHECK: invoke void @g()
; CHECK-NEXT: to label %done unwind label %pad
; CHECK: pad:
; CHECK-NEXT: %lp = landingpad { i8*, i32 }
; CHECK-NEXT: cleanup
; CHECK: invoke void @g()
; CHECK-NEXT: to label %done unwind label %pad
; CHECK-LABEL: define void @spin(
; CHECK: invoke void @llvm.donothing()
; CHECK-NEXT: to label %latch unwind label %lpad
; CHECK: lpad:
; CHECK-NEXT: %lp = landingpad { i8*, i32 }

define void @retry() personality i32 (...)* @__gxx_personality_v0 !dbg !3 {
entry:
  invoke void @g()
          to label %done unwind label %pad, !dbg !6

pad:
  %lp = landingpad { i8*, i32 }
          cleanup, !dbg !7
  invoke void @g()
          to label %done unwind label %pad, !dbg !7

done:
  ret void, !dbg !8
}

define void @spin(i32 %n) personality i32 (...)* @__gxx_personality_v0 !dbg !9 {
entry:
  br label %loop, !dbg !10

loop:
  %i = phi i32 [ 0, %entry ], [ %next, %latch ]
  invoke void @llvm.donothing()
          to label %latch unwind label %lpad, !dbg !11

latch:
  %next = add i32 %i, 1, !dbg !12
  %more = icmp slt i32 %next, %n, !dbg !12
  br i1 %more, label %loop, label %done, !dbg !12

lpad:
  %lp = landingpad { i8*, i32 }
          cleanup, !dbg !13
  resume { i8*, i32 } %lp, !dbg !13

done:
  ret void, !dbg !14
}

declare void @g()
declare void @llvm.donothing()
declare i32 @__gxx_personality_v0(...)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "exception-pads.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "retry", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 1, column: 3, scope: !3)
!7 = !DILocation(line: 2, column: 3, scope: !3)
!8 = !DILocation(line: 3, column: 1, scope: !3)
!9 = distinct !DISubprogram(name: "spin", scope: null, file: !1, line: 5, type: !4, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!10 = !DILocation(line: 6, column: 3, scope: !9)
!11 = !DILocation(line: 7, column: 5, scope: !9)
!12 = !DILocation(line: 6, column: 20, scope: !9)
!13 = !DILocation(line: 8, column: 3, scope: !9)
!14 = !DILocation(line: 9, column: 1, scope: !9)
