; Multi-line statements under opt: with no frontend the pass knows only raw
; debug lines, so every line of a statement that carries code is a line of
; its own (the frontend folds them into the first line, see
; lit/plugin/multi-line-statement.c). From clang 14 (-O0 -g
; -Xclang -disable-O0-optnone):
;    1 int add3(int a, int b, int c);
;    2 __attribute__((annotate("profile"))) int multi(int a) {
;    3   int x = a +
;    4           a * 2;
;    5   int y = add3(x,
;    6                a,
;    7                add3(a, a, a));
;    8   return x + y;
;    9 }
; Every line 3-8 gets a slot, and the events follow the order of the code,
; so the first line of each statement fires twice per execution: 3 4 3
; (`a * 2` is computed between the two halves of line 3) and 5 6 7 5 (the
; arguments, then the call on line 5). The CHECK-NOTs prove there is no
; other event in between.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; The two calls of add3 are counted too: slots 6 and 7, on their raw lines.
; CHECK: @lineprof.lines = private unnamed_addr constant [8 x i32] [i32 3, i32 4, i32 5, i32 6, i32 7, i32 8, i32 7, i32 5]
; CHECK-LABEL: define {{.*}} @multi(
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 0)
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 1)
; CHECK-NEXT: br label %[[G2J:[0-9]+]]
; CHECK: [[G2J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: mul nsw i32
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G3:[0-9]+]], label %[[G3J:[0-9]+]]
; CHECK: [[G3]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 0)
; CHECK-NEXT: br label %[[G3J]]
; CHECK: [[G3J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: add nsw i32
; CHECK-NOT: __lineprof_timed_line
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 2)
; CHECK-NEXT: br label %[[G4J:[0-9]+]]
; CHECK: [[G4J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 3)
; CHECK-NEXT: br label %[[G5J:[0-9]+]]
; CHECK: [[G5J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 4)
; CHECK-NEXT: br label %[[G6J:[0-9]+]]
; CHECK: [[G6J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: call i32 @add3(
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G7:[0-9]+]], label %[[G7J:[0-9]+]]
; CHECK: [[G7]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 2)
; CHECK-NEXT: br label %[[G7J]]
; CHECK: [[G7J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: call i32 @add3(
; CHECK-NEXT: store i32
; CHECK-NEXT: bitcast
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G8:[0-9]+]], label %[[G8J:[0-9]+]]
; CHECK: [[G8]]:
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 5)
; CHECK-NEXT: br label %[[G8J]]
; CHECK: [[G8J]]:
; CHECK-NOT: __lineprof_timed_line
; CHECK: ret i32
; ModuleID = 'ml.c'
source_filename = "ml.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [5 x i8] c"ml.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @multi to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([5 x i8], [5 x i8]* @.str.1, i32 0, i32 0), i32 2, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @multi(i32 noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  %4 = alloca i32, align 4
  store i32 %0, i32* %2, align 4
  call void @llvm.dbg.declare(metadata i32* %2, metadata !15, metadata !DIExpression()), !dbg !16
  call void @llvm.dbg.declare(metadata i32* %3, metadata !17, metadata !DIExpression()), !dbg !18
  %5 = load i32, i32* %2, align 4, !dbg !19
  %6 = load i32, i32* %2, align 4, !dbg !20
  %7 = mul nsw i32 %6, 2, !dbg !21
  %8 = add nsw i32 %5, %7, !dbg !22
  store i32 %8, i32* %3, align 4, !dbg !18
  call void @llvm.dbg.declare(metadata i32* %4, metadata !23, metadata !DIExpression()), !dbg !24
  %9 = load i32, i32* %3, align 4, !dbg !25
  %10 = load i32, i32* %2, align 4, !dbg !26
  %11 = load i32, i32* %2, align 4, !dbg !27
  %12 = load i32, i32* %2, align 4, !dbg !28
  %13 = load i32, i32* %2, align 4, !dbg !29
  %14 = call i32 @add3(i32 noundef %11, i32 noundef %12, i32 noundef %13), !dbg !30
  %15 = call i32 @add3(i32 noundef %9, i32 noundef %10, i32 noundef %14), !dbg !31
  store i32 %15, i32* %4, align 4, !dbg !24
  %16 = load i32, i32* %3, align 4, !dbg !32
  %17 = load i32, i32* %4, align 4, !dbg !33
  %18 = add nsw i32 %16, %17, !dbg !34
  ret i32 %18, !dbg !35
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

declare i32 @add3(i32 noundef, i32 noundef, i32 noundef) #2

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #2 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "ml.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "f2db6051f58e3d2f8028584727974c26")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "multi", scope: !1, file: !1, line: 2, type: !11, scopeLine: 2, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "a", arg: 1, scope: !10, file: !1, line: 2, type: !13)
!16 = !DILocation(line: 2, column: 52, scope: !10)
!17 = !DILocalVariable(name: "x", scope: !10, file: !1, line: 3, type: !13)
!18 = !DILocation(line: 3, column: 7, scope: !10)
!19 = !DILocation(line: 3, column: 11, scope: !10)
!20 = !DILocation(line: 4, column: 11, scope: !10)
!21 = !DILocation(line: 4, column: 13, scope: !10)
!22 = !DILocation(line: 3, column: 13, scope: !10)
!23 = !DILocalVariable(name: "y", scope: !10, file: !1, line: 5, type: !13)
!24 = !DILocation(line: 5, column: 7, scope: !10)
!25 = !DILocation(line: 5, column: 16, scope: !10)
!26 = !DILocation(line: 6, column: 16, scope: !10)
!27 = !DILocation(line: 7, column: 21, scope: !10)
!28 = !DILocation(line: 7, column: 24, scope: !10)
!29 = !DILocation(line: 7, column: 27, scope: !10)
!30 = !DILocation(line: 7, column: 16, scope: !10)
!31 = !DILocation(line: 5, column: 11, scope: !10)
!32 = !DILocation(line: 8, column: 10, scope: !10)
!33 = !DILocation(line: 8, column: 14, scope: !10)
!34 = !DILocation(line: 8, column: 12, scope: !10)
!35 = !DILocation(line: 8, column: 3, scope: !10)
