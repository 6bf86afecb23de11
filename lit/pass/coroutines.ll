; Coroutines (C++20's and Swift's; C has none) are left alone, with a
; warning. Found by tests/fuzz/plugin_ir.sh on LLVM's own tests
; (Transforms/Coroutines/coro-async*.ll): the coroutine passes of the -O2
; pipeline move stack slots live across a suspension into the coroutine's
; frame, and the exact probes' slot for the timed call came out used before
; the frame pointer it was rewritten to (verifier: "Instruction does not
; dominate all uses"); instrumented switch-lowered coroutines made opt's
; heap corrupt at exit (glibc: "double free or corruption"). The other
; functions of the module are profiled as usual.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o %t.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck %s < %t.ll
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,default<O2>,verify' -S %s -o /dev/null 2>&1 | FileCheck --check-prefix=WARN %s
; WARN: warning: {{.*}}lineprof: 'coro' is a coroutine and is not profiled
; WARN-NOT: lineprof: 'plain'
; CHECK: @lineprof.module = {{.*}} { i32 {{[0-9]+}}, i32 1,
; CHECK-LABEL: define i8* @coro(
; CHECK-NOT: lineprof
; CHECK-LABEL: define i32 @plain(
; CHECK: @__lineprof_

define i8* @coro(i32 %n) "coroutine.presplit"="0" !dbg !3 {
entry:
  %id = call token @llvm.coro.id(i32 0, i8* null, i8* null, i8* null), !dbg !6
  %size = call i32 @llvm.coro.size.i32(), !dbg !6
  %mem = call i8* @malloc(i32 %size), !dbg !6
  %hdl = call i8* @llvm.coro.begin(token %id, i8* %mem), !dbg !6
  %s = call i8 @llvm.coro.suspend(token none, i1 false), !dbg !7
  switch i8 %s, label %suspend [i8 0, label %cleanup
                                i8 1, label %cleanup]
cleanup:
  %m = call i8* @llvm.coro.free(token %id, i8* %hdl), !dbg !8
  call void @free(i8* %m), !dbg !8
  br label %suspend
suspend:
  %e = call i1 @llvm.coro.end(i8* %hdl, i1 false), !dbg !9
  ret i8* %hdl, !dbg !9
}

define i32 @plain(i32 %n) !dbg !10 {
entry:
  %r = add i32 %n, 1, !dbg !11
  ret i32 %r, !dbg !11
}

declare token @llvm.coro.id(i32, i8*, i8*, i8*)
declare i32 @llvm.coro.size.i32()
declare i8* @llvm.coro.begin(token, i8*)
declare i8 @llvm.coro.suspend(token, i1)
declare i8* @llvm.coro.free(token, i8*)
declare i1 @llvm.coro.end(i8*, i1)
declare i8* @malloc(i32)
declare void @free(i8*)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "coroutines.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "coro", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 2, column: 3, scope: !3)
!7 = !DILocation(line: 3, column: 3, scope: !3)
!8 = !DILocation(line: 4, column: 3, scope: !3)
!9 = !DILocation(line: 5, column: 3, scope: !3)
!10 = distinct !DISubprogram(name: "plain", scope: null, file: !1, line: 7, type: !4, scopeLine: 7, spFlags: DISPFlagDefinition, unit: !0)
!11 = !DILocation(line: 8, column: 3, scope: !10)
