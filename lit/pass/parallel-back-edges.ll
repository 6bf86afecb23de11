; Parallel retreating edges into a loop header whose back edge gets a
; probe block. Here the latch ends in a `switch` whose default and case 3
; both go back to the header of a one-line loop (the back edge fires), and
; the header has a PHI with one entry per edge. splitEdge() (now
; plugin/EdgeSplit.cpp) redirected both edges to one lineprof.backedge
; block but replacePhiUsesWith() rewrote both PHI entries to it, so the
; header's PHI had two entries for a single predecessor: `verify` rejected
; the module ("PHINode should have one entry for each predecessor of its
; parent basic block!"). retreatingEdges() also recorded the pair twice.
; Now the PHI keeps one entry for the block and the pair is one back edge.
; clang -O0 does not emit such parallel edges; later passes (simplifycfg)
; and other producers can. lit/pass/parallel-exit-edges.ll is the same
; for a loop's exit edges.
; The IR is lit/pass/one-line-while.ll's (clang 14, -O0 -g
; -Xclang -disable-O0-optnone), edited by hand (the PHI %p, the switch):
;   1 __attribute__((annotate("profile"))) int spin(int w) {
;   2   int n = w;
;   3   while (w < 7) w++;
;   4   return w - n;
;   5 }
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; CHECK-LABEL: define {{.*}} @spin(
; CHECK: lineprof.backedge{{[0-9]*}}:
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G1:[0-9]+]], label %[[G1J:[0-9]+]]
; CHECK: [[G1]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G1J]]
; CHECK: [[G1J]]:
; CHECK: %p = phi i32 [ {{[^]]*}} ], [ {{[^]]*}}, %{{lineprof.backedge[0-9]*|[0-9]+}} ]{{$|, !dbg}}
; CHECK: switch i32 {{%[0-9]+}}, label %lineprof.backedge{{[0-9]*}} [
; ModuleID = 'ow.c'
source_filename = "ow.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [5 x i8] c"ow.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @spin to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([5 x i8], [5 x i8]* @.str.1, i32 0, i32 0), i32 1, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @spin(i32 noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  store i32 %0, i32* %2, align 4
  call void @llvm.dbg.declare(metadata i32* %2, metadata !15, metadata !DIExpression()), !dbg !16
  call void @llvm.dbg.declare(metadata i32* %3, metadata !17, metadata !DIExpression()), !dbg !18
  %4 = load i32, i32* %2, align 4, !dbg !19
  store i32 %4, i32* %3, align 4, !dbg !18
  br label %5, !dbg !20

5:                                                ; preds = %8, %8, %1
  %p = phi i32 [ 0, %1 ], [ %10, %8 ], [ %10, %8 ]
  %6 = load i32, i32* %2, align 4, !dbg !21
  %7 = icmp slt i32 %6, 7, !dbg !22
  br i1 %7, label %8, label %11, !dbg !20

8:                                                ; preds = %5
  %9 = load i32, i32* %2, align 4, !dbg !23
  %10 = add nsw i32 %9, 1, !dbg !23
  store i32 %10, i32* %2, align 4, !dbg !23
  switch i32 %10, label %5 [ i32 3, label %5 ], !dbg !20

11:                                               ; preds = %5
  %12 = load i32, i32* %2, align 4, !dbg !26
  %13 = load i32, i32* %3, align 4, !dbg !27
  %14 = sub nsw i32 %12, %13, !dbg !28
  ret i32 %14, !dbg !29
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "ow.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "053822037d8d9713126d89a0ac14764a")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "spin", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "w", arg: 1, scope: !10, file: !1, line: 1, type: !13)
!16 = !DILocation(line: 1, column: 51, scope: !10)
!17 = !DILocalVariable(name: "n", scope: !10, file: !1, line: 2, type: !13)
!18 = !DILocation(line: 2, column: 7, scope: !10)
!19 = !DILocation(line: 2, column: 11, scope: !10)
!20 = !DILocation(line: 3, column: 3, scope: !10)
!21 = !DILocation(line: 3, column: 10, scope: !10)
!22 = !DILocation(line: 3, column: 12, scope: !10)
!23 = !DILocation(line: 3, column: 18, scope: !10)
!24 = distinct !{!24, !20, !23, !25}
!25 = !{!"llvm.loop.mustprogress"}
!26 = !DILocation(line: 4, column: 10, scope: !10)
!27 = !DILocation(line: 4, column: 14, scope: !10)
!28 = !DILocation(line: 4, column: 12, scope: !10)
!29 = !DILocation(line: 4, column: 3, scope: !10)
