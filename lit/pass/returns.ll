; Returns: the timed call's end and the shadow-stack depth restore go
; before every `ret`. From (clang 14, -O0 -g -Xclang -disable-O0-optnone)
;    1 __attribute__((annotate("profile"))) int sign(int x) {
;    2   if (x < 0)
;    3     return -1;
;    4   if (x > 0)
;    5     return 1;
;    6   return 0;
;    7 }
;    8 __attribute__((annotate("profile"))) int sign_rets(int x) {
;    9   ... the same body, lines 9-13 ...
;   14 }
; @sign is clang's -O0 code: the three `return`s store the value and branch
; to one return block (which, with raw lines under opt, is on line 7, the
; closing brace). @sign_rets was edited by hand so that each `return`
; is its own `ret` (as -O1 and later passes may leave it): each of the
; three gets the same epilogue. With exact probes: the runtime's
; __lineprof_timed_leave, then the depth read at entry stored back,
; immediately before the `ret`; without them (NOEXACT) both functions are
; leaves (they call nothing), which take no frame: nothing at any return. The CHECK-NOTs prove no `ret` is left without its epilogue.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<memory>,verify' -S %s -o - | FileCheck --check-prefix=NOEXACT %s
; CHECK-LABEL: define {{.*}} @sign(
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NOT: ret i32
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32
; CHECK-NOT: ret i32
; CHECK-LABEL: define {{.*}} @sign_rets(
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NOT: ret i32
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G2J:[0-9]+]]
; CHECK: [[G2J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32 -1
; CHECK-NOT: ret i32
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G3J:[0-9]+]]
; CHECK: [[G3J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32 1
; CHECK-NOT: ret i32
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G4J:[0-9]+]]
; CHECK: [[G4J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32 0
; CHECK-NOT: ret i32
; CHECK-LABEL: define internal i64* @lineprof.thread_block(
; NOEXACT-LABEL: define {{.*}} @sign(
; NOEXACT-NOT: __lineprof_timed
; NOEXACT-NOT: __lineprof_stack
; NOEXACT-LABEL: define {{.*}} @sign_rets(
; NOEXACT-NOT: __lineprof_stack
; NOEXACT-LABEL: define internal void @lineprof.module_ctor(
; ModuleID = 'ret.c'
source_filename = "ret.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [6 x i8] c"ret.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [2 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @sign to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([6 x i8], [6 x i8]* @.str.1, i32 0, i32 0), i32 1, i8* null }, { i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @sign_rets to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([6 x i8], [6 x i8]* @.str.1, i32 0, i32 0), i32 8, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @sign(i32 noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  store i32 %0, i32* %3, align 4
  call void @llvm.dbg.declare(metadata i32* %3, metadata !15, metadata !DIExpression()), !dbg !16
  %4 = load i32, i32* %3, align 4, !dbg !17
  %5 = icmp slt i32 %4, 0, !dbg !19
  br i1 %5, label %6, label %7, !dbg !20

6:                                                ; preds = %1
  store i32 -1, i32* %2, align 4, !dbg !21
  br label %12, !dbg !21

7:                                                ; preds = %1
  %8 = load i32, i32* %3, align 4, !dbg !22
  %9 = icmp sgt i32 %8, 0, !dbg !24
  br i1 %9, label %10, label %11, !dbg !25

10:                                               ; preds = %7
  store i32 1, i32* %2, align 4, !dbg !26
  br label %12, !dbg !26

11:                                               ; preds = %7
  store i32 0, i32* %2, align 4, !dbg !27
  br label %12, !dbg !27

12:                                               ; preds = %11, %10, %6
  %13 = load i32, i32* %2, align 4, !dbg !28
  ret i32 %13, !dbg !28
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @sign_rets(i32 noundef %0) #0 !dbg !29 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  store i32 %0, i32* %3, align 4
  call void @llvm.dbg.declare(metadata i32* %3, metadata !30, metadata !DIExpression()), !dbg !31
  %4 = load i32, i32* %3, align 4, !dbg !32
  %5 = icmp slt i32 %4, 0, !dbg !34
  br i1 %5, label %6, label %7, !dbg !35

6:                                                ; preds = %1
  ret i32 -1, !dbg !36

7:                                                ; preds = %1
  %8 = load i32, i32* %3, align 4, !dbg !37
  %9 = icmp sgt i32 %8, 0, !dbg !39
  br i1 %9, label %10, label %11, !dbg !40

10:                                               ; preds = %7
  ret i32 1, !dbg !41

11:                                               ; preds = %7
  ret i32 0, !dbg !42
}

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "ret.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "9fad3294978e0b9fb91a91de01e9a1ba")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "sign", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "x", arg: 1, scope: !10, file: !1, line: 1, type: !13)
!16 = !DILocation(line: 1, column: 51, scope: !10)
!17 = !DILocation(line: 2, column: 7, scope: !18)
!18 = distinct !DILexicalBlock(scope: !10, file: !1, line: 2, column: 7)
!19 = !DILocation(line: 2, column: 9, scope: !18)
!20 = !DILocation(line: 2, column: 7, scope: !10)
!21 = !DILocation(line: 3, column: 5, scope: !18)
!22 = !DILocation(line: 4, column: 7, scope: !23)
!23 = distinct !DILexicalBlock(scope: !10, file: !1, line: 4, column: 7)
!24 = !DILocation(line: 4, column: 9, scope: !23)
!25 = !DILocation(line: 4, column: 7, scope: !10)
!26 = !DILocation(line: 5, column: 5, scope: !23)
!27 = !DILocation(line: 6, column: 3, scope: !10)
!28 = !DILocation(line: 7, column: 1, scope: !10)
!29 = distinct !DISubprogram(name: "sign_rets", scope: !1, file: !1, line: 8, type: !11, scopeLine: 8, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!30 = !DILocalVariable(name: "x", arg: 1, scope: !29, file: !1, line: 8, type: !13)
!31 = !DILocation(line: 8, column: 56, scope: !29)
!32 = !DILocation(line: 9, column: 7, scope: !33)
!33 = distinct !DILexicalBlock(scope: !29, file: !1, line: 9, column: 7)
!34 = !DILocation(line: 9, column: 9, scope: !33)
!35 = !DILocation(line: 9, column: 7, scope: !29)
!36 = !DILocation(line: 10, column: 5, scope: !33)
!37 = !DILocation(line: 11, column: 7, scope: !38)
!38 = distinct !DILexicalBlock(scope: !29, file: !1, line: 11, column: 7)
!39 = !DILocation(line: 11, column: 9, scope: !38)
!40 = !DILocation(line: 11, column: 7, scope: !29)
!41 = !DILocation(line: 12, column: 5, scope: !38)
!42 = !DILocation(line: 13, column: 3, scope: !29)
!43 = !DILocation(line: 14, column: 1, scope: !29)
