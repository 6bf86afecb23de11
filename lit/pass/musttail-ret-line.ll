; A `ret` after a musttail call that carries another line than the call
; was a line site of its own, and the pass put that line's event (or, for
; a Dynamic site, a block split) between the musttail call and the `ret`:
; `verify` rejected the module ("bitcast following musttail call must use
; the call"). tests/fuzz/plugin_ir.sh found it on LLVM's own tests, where
; debugify gives every instruction its own line. clang 14 gives both the
; same location, so this was edited by hand: the `ret` of the musttail call
; is put on line 5 (the attribute's line), as IR from another producer or
; a later pass may have it. Now such a `ret` generates no code (it is part
; of the call; LineProfPass.cpp): every probe goes before the musttail
; call, then the call and the `ret` back to back.
; Source (clang 14, -O0 -g -Xclang -disable-O0-optnone):
;   1 int step(int n, int acc);
;   2 __attribute__((annotate("profile"))) int count(int n, int acc) {
;   3   if (n == 0)
;   4     return acc;
;   5   __attribute__((musttail)) return
;   6       step(n - 1, acc + n);
;   7 }
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; CHECK-LABEL: define {{.*}} @count(
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NOT: musttail
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; The call is counted by its line's hit (CallSiteCounters.h), as in musttail.ll:
; CHECK-NEXT: [[R:%[0-9]+]] = musttail call i32 @step(
; CHECK-NEXT: ret i32 [[R]]
; ModuleID = 'mt2.c'
source_filename = "mt2.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [6 x i8] c"mt2.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32, i32)* @count to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([6 x i8], [6 x i8]* @.str.1, i32 0, i32 0), i32 2, i8* null }], section "llvm.metadata"

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
  ret i32 %16, !dbg !31

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

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #2 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "mt2.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "c7a1e2532de0683fc56424bdcd43b55e")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "count", scope: !1, file: !1, line: 2, type: !11, scopeLine: 2, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "n", arg: 1, scope: !10, file: !1, line: 2, type: !13)
!16 = !DILocation(line: 2, column: 52, scope: !10)
!17 = !DILocalVariable(name: "acc", arg: 2, scope: !10, file: !1, line: 2, type: !13)
!18 = !DILocation(line: 2, column: 59, scope: !10)
!19 = !DILocation(line: 3, column: 7, scope: !20)
!20 = distinct !DILexicalBlock(scope: !10, file: !1, line: 3, column: 7)
!21 = !DILocation(line: 3, column: 9, scope: !20)
!22 = !DILocation(line: 3, column: 7, scope: !10)
!23 = !DILocation(line: 4, column: 12, scope: !20)
!24 = !DILocation(line: 4, column: 5, scope: !20)
!25 = !DILocation(line: 6, column: 12, scope: !10)
!26 = !DILocation(line: 6, column: 14, scope: !10)
!27 = !DILocation(line: 6, column: 19, scope: !10)
!28 = !DILocation(line: 6, column: 25, scope: !10)
!29 = !DILocation(line: 6, column: 23, scope: !10)
!30 = !DILocation(line: 6, column: 7, scope: !10)
!31 = !DILocation(line: 5, column: 29, scope: !10)
!32 = !DILocation(line: 7, column: 1, scope: !10)
