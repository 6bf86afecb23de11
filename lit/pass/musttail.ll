; musttail: nothing may separate a musttail call from its `ret`, so the
; return's epilogue (the runtime's __lineprof_timed_leave and the
; shadow-stack depth restore) goes before the call; `verify` in the RUN
; line checks the module is still valid. From clang 14 (-O0 -g
; -Xclang -disable-O0-optnone):
;    1 int step(int n, int acc);
;    2 char *next(char *p);
;    3 __attribute__((annotate("profile"))) int count(int n, int acc) {
;    4   if (n == 0)
;    5     return acc;
;    6   __attribute__((musttail)) return step(n - 1, acc + n);
;    7 }
;    8 __attribute__((annotate("profile"))) char *walk(char *p) {
;    9   __attribute__((musttail)) return next(p);
;   10 }
; Slots (raw lines): 4 5 6 7 9 -> 0..4, then the counted calls of step
; and next (slots 5 and 6, lines 6 and 9), which stay unused: each call
; runs once per hit of its line, which counts it (CallSiteCounters.h).
; Line 6's event comes first, then the epilogue, then the musttail call and
; its `ret` back to back (CHECK-NEXT). The other return of @count (clang's return block, line 7)
; gets the usual epilogue before its `ret`.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<memory>,verify' -S %s -o - | FileCheck --check-prefix=NOEXACT %s
; CHECK: @lineprof.lines = private unnamed_addr constant [7 x i32] [i32 4, i32 5, i32 6, i32 7, i32 9, i32 6, i32 9]
; CHECK-LABEL: define {{.*}} @count(
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 2)
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK-NOT: musttail
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G2J:[0-9]+]]
; CHECK: [[G2J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: [[R:%[0-9]+]] = musttail call i32 @step(
; CHECK-NEXT: ret i32 [[R]]
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 3)
; CHECK-NEXT: br label %[[G3J:[0-9]+]]
; CHECK: [[G3J]]:
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G4J:[0-9]+]]
; CHECK: [[G4J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32
; CHECK-LABEL: define {{.*}} @walk(
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 4)
; CHECK-NEXT: br label %[[G5J:[0-9]+]]
; CHECK: [[G5J]]:
; CHECK-NOT: musttail
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G6J:[0-9]+]]
; CHECK: [[G6J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: [[R:%[0-9]+]] = musttail call i8* @next(
; CHECK-NEXT: ret i8* [[R]]
; NOEXACT-LABEL: define {{.*}} @count(
; NOEXACT: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; NOEXACT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; NOEXACT-NEXT: [[R:%[0-9]+]] = musttail call i32 @step(
; NOEXACT-NEXT: ret i32 [[R]]
; NOEXACT-LABEL: define {{.*}} @walk(
; NOEXACT: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; NOEXACT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; NOEXACT-NEXT: [[R:%[0-9]+]] = musttail call i8* @next(
; NOEXACT-NEXT: ret i8* [[R]]
; ModuleID = 'mt.c'
source_filename = "mt.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [5 x i8] c"mt.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [2 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32, i32)* @count to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([5 x i8], [5 x i8]* @.str.1, i32 0, i32 0), i32 3, i8* null }, { i8*, i8*, i8*, i32, i8* } { i8* bitcast (i8* (i8*)* @walk to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([5 x i8], [5 x i8]* @.str.1, i32 0, i32 0), i32 8, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @count(i32 noundef %0, i32 noundef %1) #0 !dbg !10 {
  %3 = alloca i32, align 4
  %4 = alloca i32, align 4
  %5 = alloca i32, align 4
  store i32 %0, i32* %4, align 4
  call void @llvm.dbg.declare(metadata i32* %4, metadata !15, metadata !DIExpression()), !dbg !16
  store i32 %1, i32* %5, align 4
  call void @llvm.dbg.declare(metadata i32* %5, metadata !17, metadata !DIExpression()), !dbg !18
  %6 = load i32, i32* %4, align 4, !dbg !19
  %7 = icmp eq i32 %6, 0, !dbg !21
  br i1 %7, label %8, label %10, !dbg !22

8:                                                ; preds = %2
  %9 = load i32, i32* %5, align 4, !dbg !23
  store i32 %9, i32* %3, align 4, !dbg !24
  br label %18, !dbg !24

10:                                               ; preds = %2
  %11 = load i32, i32* %4, align 4, !dbg !25
  %12 = sub nsw i32 %11, 1, !dbg !26
  %13 = load i32, i32* %5, align 4, !dbg !27
  %14 = load i32, i32* %4, align 4, !dbg !28
  %15 = add nsw i32 %13, %14, !dbg !29
  %16 = musttail call i32 @step(i32 noundef %12, i32 noundef %15), !dbg !30
  ret i32 %16, !dbg !30

17:                                               ; No predecessors!
  store i32 undef, i32* %3, align 4, !dbg !31
  br label %18, !dbg !31

18:                                               ; preds = %17, %8
  %19 = load i32, i32* %3, align 4, !dbg !32
  ret i32 %19, !dbg !32
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

declare i32 @step(i32 noundef, i32 noundef) #2

; Function Attrs: noinline nounwind uwtable
define dso_local i8* @walk(i8* noundef %0) #0 !dbg !33 {
  %2 = alloca i8*, align 8
  store i8* %0, i8** %2, align 8
  call void @llvm.dbg.declare(metadata i8** %2, metadata !38, metadata !DIExpression()), !dbg !39
  %3 = load i8*, i8** %2, align 8, !dbg !40
  %4 = musttail call i8* @next(i8* noundef %3), !dbg !41
  ret i8* %4, !dbg !41

5:                                                ; No predecessors!
  ret i8* undef, !dbg !42
}

declare i8* @next(i8* noundef) #2

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #2 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "mt.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "8a785652e6f1f5c81a763d4816e71d06")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "count", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "n", arg: 1, scope: !10, file: !1, line: 3, type: !13)
!16 = !DILocation(line: 3, column: 52, scope: !10)
!17 = !DILocalVariable(name: "acc", arg: 2, scope: !10, file: !1, line: 3, type: !13)
!18 = !DILocation(line: 3, column: 59, scope: !10)
!19 = !DILocation(line: 4, column: 7, scope: !20)
!20 = distinct !DILexicalBlock(scope: !10, file: !1, line: 4, column: 7)
!21 = !DILocation(line: 4, column: 9, scope: !20)
!22 = !DILocation(line: 4, column: 7, scope: !10)
!23 = !DILocation(line: 5, column: 12, scope: !20)
!24 = !DILocation(line: 5, column: 5, scope: !20)
!25 = !DILocation(line: 6, column: 41, scope: !10)
!26 = !DILocation(line: 6, column: 43, scope: !10)
!27 = !DILocation(line: 6, column: 48, scope: !10)
!28 = !DILocation(line: 6, column: 54, scope: !10)
!29 = !DILocation(line: 6, column: 52, scope: !10)
!30 = !DILocation(line: 6, column: 36, scope: !10)
!31 = !DILocation(line: 6, column: 29, scope: !10)
!32 = !DILocation(line: 7, column: 1, scope: !10)
!33 = distinct !DISubprogram(name: "walk", scope: !1, file: !1, line: 8, type: !34, scopeLine: 8, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!34 = !DISubroutineType(types: !35)
!35 = !{!36, !36}
!36 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !37, size: 64)
!37 = !DIBasicType(name: "char", size: 8, encoding: DW_ATE_signed_char)
!38 = !DILocalVariable(name: "p", arg: 1, scope: !33, file: !1, line: 8, type: !36)
!39 = !DILocation(line: 8, column: 55, scope: !33)
!40 = !DILocation(line: 9, column: 41, scope: !33)
!41 = !DILocation(line: 9, column: 36, scope: !33)
!42 = !DILocation(line: 9, column: 29, scope: !33)
