; A musttail call may be followed by a pointer bitcast before its `ret`
; (LangRef: "a ret instruction, or a pointer bitcast followed by a ret
; instruction"; possible with typed pointers, LLVM 14). beforeReturn() in
; plugin/LineEvents.cpp only looked at the instruction right before the
; `ret`, found the bitcast, and put the epilogue between the musttail call
; and the bitcast: `verify` rejected the module ("musttail call must
; precede a ret with an optional bitcast"). tests/fuzz/plugin_ir.sh found
; the same on LLVM's own tests. Now it skips the bitcast: the epilogue
; before the musttail call, then the call, the bitcast and the `ret` back
; to back.
; Source (clang 14, -O0 -g -Xclang -disable-O0-optnone), then edited by
; hand so that @walk returns i32* through a bitcast of next's i8*:
;   1 char *next(char *p);
;   2 __attribute__((annotate("profile"))) char *walk(char *p) {
;   3   __attribute__((musttail)) return next(p);
;   4 }
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; CHECK-LABEL: define {{.*}} @walk(
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NOT: musttail
; CHECK: call void @__lineprof_timed_leave(i64* {{%[0-9]+}})
; CHECK-NEXT: br label %[[G1J:[0-9]+]]
; CHECK: [[G1J]]:
; CHECK-NEXT: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; The call is counted by its line's hit (CallSiteCounters.h), as in musttail.ll:
; CHECK-NEXT: [[R:%[0-9]+]] = musttail call i8* @next(
; CHECK-NEXT: [[P:%[0-9]+]] = bitcast i8* [[R]] to i32*
; CHECK-NEXT: ret i32* [[P]]
; ModuleID = 'mtb.c'
source_filename = "mtb.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [6 x i8] c"mtb.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32* (i8*)* @walk to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([6 x i8], [6 x i8]* @.str.1, i32 0, i32 0), i32 2, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32* @walk(i8* noundef %0) #0 !dbg !10 {
  %2 = alloca i8*, align 8
  store i8* %0, i8** %2, align 8
  call void @llvm.dbg.declare(metadata i8** %2, metadata !16, metadata !DIExpression()), !dbg !17
  %3 = load i8*, i8** %2, align 8, !dbg !18
  %4 = musttail call i8* @next(i8* noundef %3), !dbg !19
  %5 = bitcast i8* %4 to i32*, !dbg !19
  ret i32* %5, !dbg !19

6:                                                ; No predecessors!
  ret i32* undef, !dbg !20
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

declare i8* @next(i8* noundef) #2

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #2 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "mtb.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "094623fdbaa2f188fb81fae1e4d29d09")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "walk", scope: !1, file: !1, line: 2, type: !11, scopeLine: 2, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !15)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !14, size: 64)
!14 = !DIBasicType(name: "char", size: 8, encoding: DW_ATE_signed_char)
!15 = !{}
!16 = !DILocalVariable(name: "p", arg: 1, scope: !10, file: !1, line: 2, type: !13)
!17 = !DILocation(line: 2, column: 55, scope: !10)
!18 = !DILocation(line: 3, column: 41, scope: !10)
!19 = !DILocation(line: 3, column: 36, scope: !10)
!20 = !DILocation(line: 3, column: 29, scope: !10)
