; Allocas with locations of their own, as opt's debugify gives every
; instruction (clang gives allocas none). Found by tests/fuzz/plugin_ir.sh on
; llvm-stress's first seed: the line event of the entry block's first
; located alloca was placed before it, ahead of the prologue that the
; event's counter block comes from (which followed all the leading allocas),
; and the verifier rejected the module ("Instruction does not dominate all
; uses"). Now a fixed-size alloca of the entry block generates no code, so
; line 1 gets no slot and no event, and the prologue stops at a dynamic
; alloca (line 2), whose event follows it. lineprof<all> selects @f, which
; is not annotated; plain lineprof leaves the module alone.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<all>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<memory>,verify' -S %s -o - | FileCheck --check-prefix=NONE %s
; The four lines share one block: lines 3 to 5 have line 2's hits.
; CHECK: @lineprof.derived = {{.*}} [{ i32, i32, i32 } { i32 1, i32 0, i32 1 }, { i32, i32, i32 } { i32 2, i32 0, i32 2 }, { i32, i32, i32 } { i32 3, i32 0, i32 3 }]
; CHECK: @lineprof.lines = private unnamed_addr constant [4 x i32] [i32 2, i32 3, i32 4, i32 5]
; CHECK-LABEL: define i32 @f(
; CHECK: %a = alloca i32, align 4, !dbg
; CHECK: %lineprof.block = phi
; CHECK: getelementptr inbounds i64, i64* %lineprof.block, i64 0
; CHECK: %v = alloca i32, i32 %n, align 4, !dbg
; CHECK: store i32 1, i32* %lineprof.cur
; CHECK: store i32 %n, i32* %a, align 4, !dbg
; NONE-NOT: lineprof
; NONE: define i32 @f(
; NONE-NOT: lineprof

define i32 @f(i32 %n) !dbg !3 {
entry:
  %a = alloca i32, align 4, !dbg !6
  %v = alloca i32, i32 %n, align 4, !dbg !7
  store i32 %n, i32* %a, align 4, !dbg !8
  %r = load i32, i32* %v, align 4, !dbg !9
  ret i32 %r, !dbg !10
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "debugify", isOptimized: true, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "located-allocas.ll", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "f", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 1, column: 1, scope: !3)
!7 = !DILocation(line: 2, column: 1, scope: !3)
!8 = !DILocation(line: 3, column: 1, scope: !3)
!9 = !DILocation(line: 4, column: 1, scope: !3)
!10 = !DILocation(line: 5, column: 1, scope: !3)
