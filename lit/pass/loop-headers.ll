; Loop headers of multi-line loops, on the IR clang 14 makes (-O0 -g
; -Xclang -disable-O0-optnone) from
;    1 __attribute__((annotate("profile"))) int loops(int n) {
;    2   int s = 0;
;    3   for (int i = 0; i < n; i++)
;    4     s += i;
;    5   while (n > 0)
;    6     s += n--;
;    7   do {
;    8     s += n++;
;    9   } while (n < 3);
;   10   return s;
;   11 }
; Under opt lines are raw debug lines (no frontend), so the slots are the
; lines with code: 2 3 4 5 6 8 9 10 -> 0..7, and the sink slot is 8.
; Every header line gets one event per iteration, but none of these loops
; needs a back-edge probe: each iteration leaves the header's line, so the
; line site after the back edge (or the header's own site) makes the event
; and the analysis decides every back edge NoFire: no lineprof.backedge
; block anywhere (NOEDGE).
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<memory>,verify' -S %s -o - | FileCheck --check-prefix=NOEDGE %s
; NOEDGE-NOT: lineprof.backedge
; CHECK: @lineprof.lines = private unnamed_addr constant [8 x i32] [i32 2, i32 3, i32 4, i32 5, i32 6, i32 8, i32 9, i32 10]
; CHECK-LABEL: define {{.*}} @loops(
; CHECK-NOT: lineprof.backedge
; CHECK: store i32 8, i32* %lineprof.cur
; The entry block: line 2, then the for's init `int i = 0` on line 3.
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 0)
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G2J:[0-9]+]]
; CHECK: [[G2J]]:
; CHECK: br label %[[FOR:[0-9]+]]
;
; for: every path into its header comes from line 3 (the init, or `i++`
; which fires on line 3 each iteration), so the header's site is NoFire: no
; probe, only the stale mark slot 1 | 0x80000000 (= -2147483647), first.
; CHECK: [[FOR]]:
; CHECK-NEXT: store i32 -2147483647, i32* %lineprof.cur
; CHECK-NOT: __lineprof_timed_line
; CHECK: br i1 {{%[0-9]+}}, label %[[FORBODY:[0-9]+]], label %[[FOREXIT:[0-9]+]]
; CHECK: [[FORBODY]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G3:[0-9]+]], label %[[G3J:[0-9]+]]
; CHECK: [[G3]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 2)
; CHECK-NEXT: br label %[[G3J]]
; CHECK: [[G3J]]:
; CHECK: br label %[[FORINC:[0-9]+]]
; `i++`: a Fire site on line 3, then straight back to the header (the back
; edge keeps its target: no probe block).
; CHECK: [[FORINC]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G4:[0-9]+]], label %[[G4J:[0-9]+]]
; CHECK: [[G4]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G4J]]
; CHECK: [[G4J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: br label %[[FOR]], !dbg
;
; while: its header is entered from line 3 (the for's exit) and from line 6
; (the body): the flat lattice meets two different lines into Unknown, so
; the header's site is Dynamic, a run-time test of (cur & 0x7fffffff) != 3,
; and the stale mark 3 | 0x80000000 follows in the continuation block.
; The for loop calls nothing but the runtime: its exit edge adds the Hits
; it counted in a local to the block.
; CHECK: [[FOREXIT]]:
; CHECK-NEXT: getelementptr inbounds i64, i64* %lineprof.block, i64 1
; CHECK: br label %[[FORDONE:[0-9]+]]
; CHECK: [[FORDONE]]:
; CHECK-NEXT: br label %[[WHILE:[0-9]+]]
; CHECK: [[WHILE]]:
; CHECK-NEXT: [[V:%[0-9]+]] = load i32, i32* %lineprof.cur
; CHECK-NEXT: [[M:%[0-9]+]] = and i32 [[V]], 2147483647
; CHECK-NEXT: [[F:%[0-9]+]] = icmp ne i32 [[M]], 3
; CHECK-NEXT: br i1 [[F]], label %[[WEV:[0-9]+]], label %[[WTEST:[0-9]+]]
; CHECK: [[WEV]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G5:[0-9]+]], label %[[G5J:[0-9]+]]
; CHECK: [[G5]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 3)
; CHECK-NEXT: br label %[[G5J]]
; CHECK: [[G5J]]:
; CHECK: br label %[[WTEST]]
; CHECK: [[WTEST]]:
; CHECK-NEXT: store i32 -2147483645, i32* %lineprof.cur
; CHECK-NOT: __lineprof_timed_line
; CHECK: br i1 {{%[0-9]+}}, label %[[WBODY:[0-9]+]], label %[[WEXIT:[0-9]+]]
; CHECK: [[WBODY]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G6:[0-9]+]], label %[[G6J:[0-9]+]]
; CHECK: [[G6]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 4)
; CHECK-NEXT: br label %[[G6J]]
; CHECK: [[G6J]]:
; CHECK: br label %[[WHILE]], !dbg
;
; do: the loop header is the body's block (line 8), entered from line 5 and
; from the `while (n < 3)` of line 9: Dynamic as well, stale mark
; 5 | 0x80000000. The test on line 9 fires every iteration and its
; conditional branch goes straight back to the body.
; CHECK: [[WEXIT]]:
; CHECK-NEXT: getelementptr inbounds i64, i64* %lineprof.block, i64 3
; CHECK: br label %[[WDONE:[0-9]+]]
; CHECK: [[WDONE]]:
; CHECK-NEXT: br label %[[DO:[0-9]+]]
; CHECK: [[DO]]:
; CHECK-NEXT: [[V:%[0-9]+]] = load i32, i32* %lineprof.cur
; CHECK-NEXT: [[M:%[0-9]+]] = and i32 [[V]], 2147483647
; CHECK-NEXT: [[F:%[0-9]+]] = icmp ne i32 [[M]], 5
; CHECK-NEXT: br i1 [[F]], label %[[DEV:[0-9]+]], label %[[DBODY:[0-9]+]]
; CHECK: [[DEV]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G7:[0-9]+]], label %[[G7J:[0-9]+]]
; CHECK: [[G7]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 5)
; CHECK-NEXT: br label %[[G7J]]
; CHECK: [[G7J]]:
; CHECK: [[DBODY]]:
; CHECK-NEXT: store i32 -2147483643, i32* %lineprof.cur
; CHECK-NOT: __lineprof_timed_line
; CHECK: br label %[[DTEST:[0-9]+]]
; CHECK: [[DTEST]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G8:[0-9]+]], label %[[G8J:[0-9]+]]
; CHECK: [[G8]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 6)
; CHECK-NEXT: br label %[[G8J]]
; CHECK: [[G8J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: br i1 {{%[0-9]+}}, label %[[DO]], label %[[RET:[0-9]+]]
; CHECK: [[RET]]:
; CHECK-NEXT: getelementptr inbounds i64, i64* %lineprof.block, i64 5
; CHECK: br label %[[DDONE:[0-9]+]]
; CHECK: [[DDONE]]:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G9:[0-9]+]], label %[[G9J:[0-9]+]]
; CHECK: [[G9]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 7)
; CHECK-NEXT: br label %[[G9J]]
; CHECK: [[G9J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: ret i32
; ModuleID = 'loops.c'
source_filename = "loops.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [8 x i8] c"loops.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @loops to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str.1, i32 0, i32 0), i32 1, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @loops(i32 noundef %0) #0 !dbg !10 {
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

5:                                                ; preds = %13, %1
  %6 = load i32, i32* %4, align 4, !dbg !23
  %7 = load i32, i32* %2, align 4, !dbg !25
  %8 = icmp slt i32 %6, %7, !dbg !26
  br i1 %8, label %9, label %16, !dbg !27

9:                                                ; preds = %5
  %10 = load i32, i32* %4, align 4, !dbg !28
  %11 = load i32, i32* %3, align 4, !dbg !29
  %12 = add nsw i32 %11, %10, !dbg !29
  store i32 %12, i32* %3, align 4, !dbg !29
  br label %13, !dbg !30

13:                                               ; preds = %9
  %14 = load i32, i32* %4, align 4, !dbg !31
  %15 = add nsw i32 %14, 1, !dbg !31
  store i32 %15, i32* %4, align 4, !dbg !31
  br label %5, !dbg !32, !llvm.loop !33

16:                                               ; preds = %5
  br label %17, !dbg !36

17:                                               ; preds = %20, %16
  %18 = load i32, i32* %2, align 4, !dbg !37
  %19 = icmp sgt i32 %18, 0, !dbg !38
  br i1 %19, label %20, label %25, !dbg !36

20:                                               ; preds = %17
  %21 = load i32, i32* %2, align 4, !dbg !39
  %22 = add nsw i32 %21, -1, !dbg !39
  store i32 %22, i32* %2, align 4, !dbg !39
  %23 = load i32, i32* %3, align 4, !dbg !40
  %24 = add nsw i32 %23, %21, !dbg !40
  store i32 %24, i32* %3, align 4, !dbg !40
  br label %17, !dbg !36, !llvm.loop !41

25:                                               ; preds = %17
  br label %26, !dbg !42

26:                                               ; preds = %31, %25
  %27 = load i32, i32* %2, align 4, !dbg !43
  %28 = add nsw i32 %27, 1, !dbg !43
  store i32 %28, i32* %2, align 4, !dbg !43
  %29 = load i32, i32* %3, align 4, !dbg !45
  %30 = add nsw i32 %29, %27, !dbg !45
  store i32 %30, i32* %3, align 4, !dbg !45
  br label %31, !dbg !46

31:                                               ; preds = %26
  %32 = load i32, i32* %2, align 4, !dbg !47
  %33 = icmp slt i32 %32, 3, !dbg !48
  br i1 %33, label %26, label %34, !dbg !46, !llvm.loop !49

34:                                               ; preds = %31
  %35 = load i32, i32* %3, align 4, !dbg !51
  ret i32 %35, !dbg !52
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "loops.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "c9aee8fd16043f09f87a93d43643c938")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "loops", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "n", arg: 1, scope: !10, file: !1, line: 1, type: !13)
!16 = !DILocation(line: 1, column: 52, scope: !10)
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
!28 = !DILocation(line: 4, column: 10, scope: !24)
!29 = !DILocation(line: 4, column: 7, scope: !24)
!30 = !DILocation(line: 4, column: 5, scope: !24)
!31 = !DILocation(line: 3, column: 27, scope: !24)
!32 = !DILocation(line: 3, column: 3, scope: !24)
!33 = distinct !{!33, !27, !34, !35}
!34 = !DILocation(line: 4, column: 10, scope: !20)
!35 = !{!"llvm.loop.mustprogress"}
!36 = !DILocation(line: 5, column: 3, scope: !10)
!37 = !DILocation(line: 5, column: 10, scope: !10)
!38 = !DILocation(line: 5, column: 12, scope: !10)
!39 = !DILocation(line: 6, column: 11, scope: !10)
!40 = !DILocation(line: 6, column: 7, scope: !10)
!41 = distinct !{!41, !36, !39, !35}
!42 = !DILocation(line: 7, column: 3, scope: !10)
!43 = !DILocation(line: 8, column: 11, scope: !44)
!44 = distinct !DILexicalBlock(scope: !10, file: !1, line: 7, column: 6)
!45 = !DILocation(line: 8, column: 7, scope: !44)
!46 = !DILocation(line: 9, column: 3, scope: !44)
!47 = !DILocation(line: 9, column: 12, scope: !10)
!48 = !DILocation(line: 9, column: 14, scope: !10)
!49 = distinct !{!49, !42, !50, !35}
!50 = !DILocation(line: 9, column: 17, scope: !10)
!51 = !DILocation(line: 10, column: 10, scope: !10)
!52 = !DILocation(line: 10, column: 3, scope: !10)
