; Dynamic sites: a loop whose iteration sometimes leaves the header's line,
; on the IR clang 14 makes (-O0 -g -Xclang -disable-O0-optnone) from
;   1 __attribute__((annotate("profile"))) int odd(int n) {
;   2   int s = 0;
;   3   for (int i = 0; i < n; i++) if (i & 1)
;   4     s += i;
;   5   return s;
;   6 }
; Slots (raw lines under opt): 2 3 4 5 -> 0..3. The header (line 3) is
; entered from line 3 only, so its site is NoFire and marks cur stale
; (1 | 0x80000000 = -2147483647). At `i++` (line 3 again) the paths join
; from line 3 still stale (even i) and from line 4 (odd i): cur is unknown,
; so the site tests (cur & 0x7fffffff) != 1 at run time. The back edge
; then fires only when the whole iteration stayed on line 3, also a
; run-time test, cur == 1 | 0x80000000, in a lineprof.backedge block: one
; line-3 event per iteration either way.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; CHECK: @lineprof.lines = private unnamed_addr constant [4 x i32] [i32 2, i32 3, i32 4, i32 5]
; CHECK-LABEL: define {{.*}} @odd(
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 0)
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G2J:[0-9]+]]
; CHECK: [[G2J]]:
; CHECK: br label %[[HEAD:[0-9]+]]
; The back edge's probe: a block on the edge, the test, the event.
; CHECK: lineprof.backedge:
; CHECK-NEXT: [[V:%[0-9]+]] = load i32, i32* %lineprof.cur
; CHECK-NEXT: [[F:%[0-9]+]] = icmp eq i32 [[V]], -2147483647
; CHECK-NEXT: br i1 [[F]], label %[[BEV:[0-9]+]], label %[[BJOIN:[0-9]+]]
; CHECK: [[BEV]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G3:[0-9]+]], label %[[G3J:[0-9]+]]
; CHECK: [[G3]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G3J]]
; CHECK: [[G3J]]:
; CHECK: store i32 1, i32* %lineprof.cur
; CHECK: br label %[[BJOIN]]
; CHECK: [[BJOIN]]:
; CHECK-NEXT: br label %[[HEAD]]
; The header: NoFire, only the stale mark.
; CHECK: [[HEAD]]:
; CHECK-NEXT: store i32 -2147483647, i32* %lineprof.cur
; CHECK-NOT: __lineprof_timed_line
; CHECK: br i1 {{%[0-9]+}}, label %[[BODY:[0-9]+]], label %[[EXIT:[0-9]+]]
; `if (i & 1)` is on the header's line: no probe there.
; CHECK: [[BODY]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: br i1 {{%[0-9]+}}, label %[[THEN:[0-9]+]], label %[[JOIN:[0-9]+]]
; CHECK: [[THEN]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G4:[0-9]+]], label %[[G4J:[0-9]+]]
; CHECK: [[G4]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 2)
; CHECK-NEXT: br label %[[G4J]]
; CHECK: [[G4J]]:
; CHECK: [[JOIN]]:
; CHECK-NEXT: br label %[[INC:[0-9]+]]
; `i++`: the Dynamic line site.
; CHECK: [[INC]]:
; CHECK-NEXT: [[V:%[0-9]+]] = load i32, i32* %lineprof.cur
; CHECK-NEXT: [[M:%[0-9]+]] = and i32 [[V]], 2147483647
; CHECK-NEXT: [[F:%[0-9]+]] = icmp ne i32 [[M]], 1
; CHECK-NEXT: br i1 [[F]], label %[[IEV:[0-9]+]], label %[[IREST:[0-9]+]]
; CHECK: [[IEV]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G5:[0-9]+]], label %[[G5J:[0-9]+]]
; CHECK: [[G5]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G5J]]
; CHECK: [[G5J]]:
; CHECK: [[IREST]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: br label %lineprof.backedge, !dbg
; The loop calls nothing but the runtime: its Hits were counted in locals,
; one per set of lines a chain of blocks counts (line 3's two sites share
; one), added to the thread's block on its exit edge, lowest slot first,
; and then set back to zero.
; CHECK: [[EXIT]]:
; CHECK-NEXT: [[A:%[0-9]+]] = getelementptr inbounds i64, i64* %lineprof.block, i64 1
; CHECK-NEXT: [[O:%[0-9]+]] = load atomic i64, i64* [[A]] unordered
; CHECK-NEXT: [[L:%[0-9]+]] = load i64, i64* %lineprof.loophits
; CHECK-NEXT: [[S:%[0-9]+]] = add i64 [[O]], [[L]]
; CHECK-NEXT: store atomic i64 [[S]], i64* [[A]] unordered
; CHECK-NEXT: getelementptr inbounds i64, i64* %lineprof.block, i64 2
; CHECK: store i64 0, i64* %lineprof.loophits
; CHECK-NEXT: store i64 0, i64* %lineprof.loophits1
; CHECK-NEXT: br label %[[AFTER:[0-9]+]]
; CHECK: [[AFTER]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G6:[0-9]+]], label %[[G6J:[0-9]+]]
; CHECK: [[G6]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 3)
; CHECK-NEXT: br label %[[G6J]]
; CHECK: [[G6J]]:
; ModuleID = 'dyn.c'
source_filename = "dyn.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [6 x i8] c"dyn.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @odd to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([6 x i8], [6 x i8]* @.str.1, i32 0, i32 0), i32 1, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @odd(i32 noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  %4 = alloca i32, align 4
  store i32 %0, i32* %2, align 4
  call void @llvm.dbg.declare(metadata i32* %2, metadata !15, metadata !DIExpression()), !dbg !16
  call void @llvm.dbg.declare(metadata i32* %3, metadata !17, metadata !DIExpression()), !dbg !18
  store i32 0, i32* %3, align 4, !dbg !18
  call void @llvm.dbg.declare(metadata i32* %4, metadata !19, metadata !DIExpression()), !dbg !21
  store i32 0, i32* %4, align 4, !dbg !21
  br label %5, !dbg !22

5:                                                ; preds = %18, %1
  %6 = load i32, i32* %4, align 4, !dbg !23
  %7 = load i32, i32* %2, align 4, !dbg !25
  %8 = icmp slt i32 %6, %7, !dbg !26
  br i1 %8, label %9, label %21, !dbg !27

9:                                                ; preds = %5
  %10 = load i32, i32* %4, align 4, !dbg !28
  %11 = and i32 %10, 1, !dbg !30
  %12 = icmp ne i32 %11, 0, !dbg !30
  br i1 %12, label %13, label %17, !dbg !31

13:                                               ; preds = %9
  %14 = load i32, i32* %4, align 4, !dbg !32
  %15 = load i32, i32* %3, align 4, !dbg !33
  %16 = add nsw i32 %15, %14, !dbg !33
  store i32 %16, i32* %3, align 4, !dbg !33
  br label %17, !dbg !34

17:                                               ; preds = %13, %9
  br label %18, !dbg !35

18:                                               ; preds = %17
  %19 = load i32, i32* %4, align 4, !dbg !36
  %20 = add nsw i32 %19, 1, !dbg !36
  store i32 %20, i32* %4, align 4, !dbg !36
  br label %5, !dbg !37, !llvm.loop !38

21:                                               ; preds = %5
  %22 = load i32, i32* %3, align 4, !dbg !41
  ret i32 %22, !dbg !42
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "dyn.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "0da59ef225c7bee54afde9c8a31cec3f")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "odd", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "n", arg: 1, scope: !10, file: !1, line: 1, type: !13)
!16 = !DILocation(line: 1, column: 50, scope: !10)
!17 = !DILocalVariable(name: "s", scope: !10, file: !1, line: 2, type: !13)
!18 = !DILocation(line: 2, column: 7, scope: !10)
!19 = !DILocalVariable(name: "i", scope: !20, file: !1, line: 3, type: !13)
!20 = distinct !DILexicalBlock(scope: !10, file: !1, line: 3, column: 3)
!21 = !DILocation(line: 3, column: 12, scope: !20)
!22 = !DILocation(line: 3, column: 8, scope: !20)
!23 = !DILocation(line: 3, column: 19, scope: !24)
!24 = distinct !DILexicalBlock(scope: !20, file: !1, line: 3, column: 3)
!25 = !DILocation(line: 3, column: 23, scope: !24)
!26 = !DILocation(line: 3, column: 21, scope: !24)
!27 = !DILocation(line: 3, column: 3, scope: !20)
!28 = !DILocation(line: 3, column: 35, scope: !29)
!29 = distinct !DILexicalBlock(scope: !24, file: !1, line: 3, column: 35)
!30 = !DILocation(line: 3, column: 37, scope: !29)
!31 = !DILocation(line: 3, column: 35, scope: !24)
!32 = !DILocation(line: 4, column: 10, scope: !29)
!33 = !DILocation(line: 4, column: 7, scope: !29)
!34 = !DILocation(line: 4, column: 5, scope: !29)
!35 = !DILocation(line: 3, column: 39, scope: !29)
!36 = !DILocation(line: 3, column: 27, scope: !24)
!37 = !DILocation(line: 3, column: 3, scope: !24)
!38 = distinct !{!38, !27, !39, !40}
!39 = !DILocation(line: 4, column: 10, scope: !20)
!40 = !{!"llvm.loop.mustprogress"}
!41 = !DILocation(line: 5, column: 10, scope: !10)
!42 = !DILocation(line: 5, column: 3, scope: !10)
