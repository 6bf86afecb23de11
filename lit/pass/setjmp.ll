; setjmp: a function that calls a returns_twice function keeps `cur` in
; memory (every load and store of %lineprof.cur is volatile, so a longjmp
; finds it as the call last set it, not rolled back to its value at
; setjmp), and after the call of setjmp the shadow stack's depth is stored
; again (depth at entry + 1 when sampled: always without exact probes), since a longjmp back into this
; call skipped the returns of the calls it unwound. From clang 14 (-O0 -g
; -Xclang -disable-O0-optnone):
;    1 #include <setjmp.h>
;    2 void work(jmp_buf env);
;    3 __attribute__((annotate("profile"))) int guarded(jmp_buf env) {
;    4   int tries = 0;
;    5   if (setjmp(env) != 0)
;    6     return tries;
;    7   tries++;
;    8   work(env);
;    9   return -1;
;   10 }
; Slots (raw lines): 4 5 6 7 8 9 10 -> 0..6; the call of work 7; sink slot 8.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o %t.ll
; RUN: FileCheck --check-prefixes=CHECK,EXACT %s < %t.ll
; RUN: FileCheck --check-prefix=NONVOL %s < %t.ll
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<memory>,verify' -S %s -o - | FileCheck --check-prefixes=CHECK,NOEXACT %s
; No plain access to cur anywhere.
; NONVOL-NOT: {{(load|store) i32[ ,].*%lineprof.cur}}
; CHECK-LABEL: define {{.*}} @guarded(
; CHECK: %lineprof.cur = alloca i32
; CHECK: store volatile i32 8, i32* %lineprof.cur
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; The frame's push stores the new depth after the frame (its line and
; stride, one 64-bit store), never before: a sample in between would find
; the frame a call at this depth left.
; NOEXACT: store volatile i64 {{[0-9]+}}, i64*
; NOEXACT-NEXT: [[PUSHED:%[0-9]+]] = add i32 [[DEPTH]], 1
; NOEXACT-NEXT: store volatile i32 [[PUSHED]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; The events of lines 4 and 5 store their slots, volatile.
; CHECK: store volatile i32 0, i32* %lineprof.cur
; CHECK: store volatile i32 1, i32* %lineprof.cur
; Right after setjmp returns (either time): the depth again.
; CHECK: [[R:%[0-9]+]] = call i32 @_setjmp(
; EXACT-NEXT: [[S:%[0-9]+]] = zext i1 %lineprof.sampling to i32
; EXACT-NEXT: [[D:%[0-9]+]] = add i32 [[DEPTH]], [[S]]
; NOEXACT-NEXT: [[D:%[0-9]+]] = add i32 [[DEPTH]], 1
; CHECK-NEXT: store volatile i32 [[D]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: icmp ne i32 [[R]], 0
; CHECK: store volatile i32 2, i32* %lineprof.cur
; The return block (line 10, joined from lines 6 and 9) tests cur at run
; time: a volatile load.
; CHECK: [[V:%[0-9]+]] = load volatile i32, i32* %lineprof.cur
; CHECK-NEXT: [[M:%[0-9]+]] = and i32 [[V]], 2147483647
; CHECK-NEXT: icmp ne i32 [[M]], 6
; CHECK: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32
; ModuleID = 'sj.c'
source_filename = "sj.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.__jmp_buf_tag = type { [8 x i64], i32, %struct.__sigset_t }
%struct.__sigset_t = type { [16 x i64] }

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [5 x i8] c"sj.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (%struct.__jmp_buf_tag*)* @guarded to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([5 x i8], [5 x i8]* @.str.1, i32 0, i32 0), i32 3, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @guarded(%struct.__jmp_buf_tag* noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca %struct.__jmp_buf_tag*, align 8
  %4 = alloca i32, align 4
  store %struct.__jmp_buf_tag* %0, %struct.__jmp_buf_tag** %3, align 8
  call void @llvm.dbg.declare(metadata %struct.__jmp_buf_tag** %3, metadata !37, metadata !DIExpression()), !dbg !38
  call void @llvm.dbg.declare(metadata i32* %4, metadata !39, metadata !DIExpression()), !dbg !40
  store i32 0, i32* %4, align 4, !dbg !40
  %5 = load %struct.__jmp_buf_tag*, %struct.__jmp_buf_tag** %3, align 8, !dbg !41
  %6 = call i32 @_setjmp(%struct.__jmp_buf_tag* noundef %5) #4, !dbg !41
  %7 = icmp ne i32 %6, 0, !dbg !43
  br i1 %7, label %8, label %10, !dbg !44

8:                                                ; preds = %1
  %9 = load i32, i32* %4, align 4, !dbg !45
  store i32 %9, i32* %2, align 4, !dbg !46
  br label %14, !dbg !46

10:                                               ; preds = %1
  %11 = load i32, i32* %4, align 4, !dbg !47
  %12 = add nsw i32 %11, 1, !dbg !47
  store i32 %12, i32* %4, align 4, !dbg !47
  %13 = load %struct.__jmp_buf_tag*, %struct.__jmp_buf_tag** %3, align 8, !dbg !48
  call void @work(%struct.__jmp_buf_tag* noundef %13), !dbg !49
  store i32 -1, i32* %2, align 4, !dbg !50
  br label %14, !dbg !50

14:                                               ; preds = %10, %8
  %15 = load i32, i32* %2, align 4, !dbg !51
  ret i32 %15, !dbg !51
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

; Function Attrs: nounwind returns_twice
declare i32 @_setjmp(%struct.__jmp_buf_tag* noundef) #2

declare void @work(%struct.__jmp_buf_tag* noundef) #3

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }
attributes #2 = { nounwind returns_twice "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #3 = { "frame-pointer"="all" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #4 = { nounwind returns_twice }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "sj.c", directory: "/tmp/w13", checksumkind: CSK_MD5, checksum: "89b698d924517517ff1631467d2bd5cc")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "guarded", scope: !1, file: !1, line: 3, type: !11, scopeLine: 3, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !36)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !14}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !DIDerivedType(tag: DW_TAG_pointer_type, baseType: !15, size: 64)
!15 = distinct !DICompositeType(tag: DW_TAG_structure_type, name: "__jmp_buf_tag", file: !16, line: 26, size: 1600, elements: !17)
!16 = !DIFile(filename: "/usr/include/x86_64-linux-gnu/bits/types/struct___jmp_buf_tag.h", directory: "", checksumkind: CSK_MD5, checksum: "56a90a97e853c2bec1d9e290be5e92e4")
!17 = !{!18, !25, !26}
!18 = !DIDerivedType(tag: DW_TAG_member, name: "__jmpbuf", scope: !15, file: !16, line: 32, baseType: !19, size: 512)
!19 = !DIDerivedType(tag: DW_TAG_typedef, name: "__jmp_buf", file: !20, line: 31, baseType: !21)
!20 = !DIFile(filename: "/usr/include/x86_64-linux-gnu/bits/setjmp.h", directory: "", checksumkind: CSK_MD5, checksum: "80e7796efafaf357b5e64731e4f6ac30")
!21 = !DICompositeType(tag: DW_TAG_array_type, baseType: !22, size: 512, elements: !23)
!22 = !DIBasicType(name: "long", size: 64, encoding: DW_ATE_signed)
!23 = !{!24}
!24 = !DISubrange(count: 8)
!25 = !DIDerivedType(tag: DW_TAG_member, name: "__mask_was_saved", scope: !15, file: !16, line: 33, baseType: !13, size: 32, offset: 512)
!26 = !DIDerivedType(tag: DW_TAG_member, name: "__saved_mask", scope: !15, file: !16, line: 34, baseType: !27, size: 1024, offset: 576)
!27 = !DIDerivedType(tag: DW_TAG_typedef, name: "__sigset_t", file: !28, line: 8, baseType: !29)
!28 = !DIFile(filename: "/usr/include/x86_64-linux-gnu/bits/types/__sigset_t.h", directory: "", checksumkind: CSK_MD5, checksum: "acc6b14c0967857fec362a8d433e1cf2")
!29 = distinct !DICompositeType(tag: DW_TAG_structure_type, file: !28, line: 5, size: 1024, elements: !30)
!30 = !{!31}
!31 = !DIDerivedType(tag: DW_TAG_member, name: "__val", scope: !29, file: !28, line: 7, baseType: !32, size: 1024)
!32 = !DICompositeType(tag: DW_TAG_array_type, baseType: !33, size: 1024, elements: !34)
!33 = !DIBasicType(name: "unsigned long", size: 64, encoding: DW_ATE_unsigned)
!34 = !{!35}
!35 = !DISubrange(count: 16)
!36 = !{}
!37 = !DILocalVariable(name: "env", arg: 1, scope: !10, file: !1, line: 3, type: !14)
!38 = !DILocation(line: 3, column: 58, scope: !10)
!39 = !DILocalVariable(name: "tries", scope: !10, file: !1, line: 4, type: !13)
!40 = !DILocation(line: 4, column: 7, scope: !10)
!41 = !DILocation(line: 5, column: 7, scope: !42)
!42 = distinct !DILexicalBlock(scope: !10, file: !1, line: 5, column: 7)
!43 = !DILocation(line: 5, column: 19, scope: !42)
!44 = !DILocation(line: 5, column: 7, scope: !10)
!45 = !DILocation(line: 6, column: 12, scope: !42)
!46 = !DILocation(line: 6, column: 5, scope: !42)
!47 = !DILocation(line: 7, column: 8, scope: !10)
!48 = !DILocation(line: 8, column: 8, scope: !10)
!49 = !DILocation(line: 8, column: 3, scope: !10)
!50 = !DILocation(line: 9, column: 3, scope: !10)
!51 = !DILocation(line: 10, column: 1, scope: !10)
