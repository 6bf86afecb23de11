; A DISubprogram may have no file (`!DISubprogram(unit: !0)`). Found by
; tests/fuzz/plugin_ir.sh on LLVM's own tests
; (Transforms/SimplifyCFG/X86/remove-debug.ll): absolutePath() read the
; missing file's name and opt crashed (SIGSEGV). Now the function's path
; is empty.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,verify' -S %s -o - | FileCheck %s
; CHECK: @lineprof.lines = private unnamed_addr constant [1 x i32] [i32 2]
; CHECK-LABEL: define i32 @f(

define i32 @f() !dbg !3 {
entry:
  ret i32 0, !dbg !6
}

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "subprogram-without-file.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(unit: !0)
!6 = !DILocation(line: 2, column: 3, scope: !3)
