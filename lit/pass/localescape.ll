; llvm.localescape must stay in the entry block, which the prologue splits
; (its counter block's slow path). Found by tests/fuzz/plugin_ir.sh on
; LLVM's own tests (Transforms/Inline/frameescape.ll,
; LCSSA/avoid-intrinsics-in-catchswitch.ll): the prologue went before it,
; it ended in the split-off block, and `verify` rejected the module
; ("llvm.localescape used outside of entry block"). Now the prologue
; follows the fixed-size allocas, llvm.localescape and the debug
; intrinsics among them, and llvm.localescape gets no line event.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<all>,verify' -S %s -o - | FileCheck %s
; CHECK: @lineprof.lines = private unnamed_addr constant [2 x i32] [i32 3, i32 4]
; CHECK-LABEL: define i32 @f(
; CHECK-NEXT: entry:
; CHECK: %a = alloca i32
; CHECK: call void (...) @llvm.localescape(i32* %a)
; CHECK: %lineprof.cached = load

define i32 @f() !dbg !3 {
entry:
  %a = alloca i32, align 4, !dbg !6
  call void @llvm.dbg.value(metadata i32* %a, metadata !9, metadata !DIExpression()), !dbg !6
  call void (...) @llvm.localescape(i32* %a), !dbg !7
  store i32 1, i32* %a, align 4, !dbg !8
  %r = load i32, i32* %a, align 4, !dbg !10
  ret i32 %r, !dbg !10
}

declare void @llvm.localescape(...)
declare void @llvm.dbg.value(metadata, metadata, metadata)

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "localescape.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 1, column: 3, scope: !3)
!7 = !DILocation(line: 2, column: 3, scope: !3)
!8 = !DILocation(line: 3, column: 3, scope: !3)
!9 = !DILocalVariable(name: "a", scope: !3, file: !1, line: 1, type: !11)
!10 = !DILocation(line: 4, column: 3, scope: !3)
!11 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
