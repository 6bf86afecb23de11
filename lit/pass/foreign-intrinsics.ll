; GPU code in a module without a triple: LLVM's own AMDGPU tests give
; theirs on opt's command line (StructurizeCFG/AMDGPU/uniform-regions.ll,
; found by tests/fuzz/plugin_ir.sh). The host's backend compiles such a
; module only when the optimiser deletes the calls of AMDGPU intrinsics; a
; line's Hits can depend on them, so the probes kept them and llc failed
; ("Cannot select: intrinsic %llvm.amdgcn.workitem.id.x"). A function that
; calls another target's intrinsic is left alone, with a warning; one that
; calls its own target's (x86's rdtsc here) is profiled.
; RUN: %opt -mtriple=x86_64-linux-gnu -load-pass-plugin=%plugin '-passes=lineprof<exact;all>,default<O2>,verify' -S %s -o %t.ll 2>&1 | FileCheck --check-prefix=WARN %s
; RUN: FileCheck %s < %t.ll
; RUN: %clang --target=x86_64-linux-gnu -c %t.ll -o %t.o
; WARN: warning: {{.*}}lineprof: 'gpu' is not profiled: it calls llvm.amdgcn.workitem.id.x, an intrinsic of another target
; WARN-NOT: warning
; CHECK: define {{.*}}@gpu(
; CHECK-NOT: lineprof
; CHECK: }
; CHECK: define {{.*}}@host(
; CHECK: lineprof

define void @gpu() !dbg !3 {
entry:
  br label %for.body, !dbg !6

for.body:
  %i = phi i32 [0, %entry], [%i.inc, %end.loop], !dbg !7
  %cc = icmp ult i32 %i, 4, !dbg !7
  br i1 %cc, label %mid.loop, label %for.end, !dbg !7

mid.loop:
  %v = call i32 @llvm.amdgcn.workitem.id.x(), !dbg !10
  %cc2 = icmp eq i32 %v, 0, !dbg !10
  br i1 %cc2, label %end.loop, label %for.end, !dbg !10

end.loop:
  %i.inc = add i32 %i, 1, !dbg !11
  br label %for.body, !dbg !11

for.end:
  ret void, !dbg !12
}

define i64 @host() !dbg !8 {
entry:
  %t = call i64 @llvm.x86.rdtsc(), !dbg !9
  ret i64 %t, !dbg !9
}

declare i32 @llvm.amdgcn.workitem.id.x()
declare i64 @llvm.x86.rdtsc()

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2}

!0 = distinct !DICompileUnit(language: DW_LANG_C, file: !1, producer: "hand-written", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug)
!1 = !DIFile(filename: "foreign-intrinsics.c", directory: "/")
!2 = !{i32 2, !"Debug Info Version", i32 3}
!3 = distinct !DISubprogram(name: "gpu", scope: null, file: !1, line: 1, type: !4, scopeLine: 1, spFlags: DISPFlagDefinition, unit: !0)
!4 = !DISubroutineType(types: !5)
!5 = !{}
!6 = !DILocation(line: 2, column: 3, scope: !3)
!7 = !DILocation(line: 3, column: 3, scope: !3)
!8 = distinct !DISubprogram(name: "host", scope: null, file: !1, line: 8, type: !4, scopeLine: 5, spFlags: DISPFlagDefinition, unit: !0)
!9 = !DILocation(line: 9, column: 3, scope: !8)
!10 = !DILocation(line: 4, column: 3, scope: !3)
!11 = !DILocation(line: 5, column: 3, scope: !3)
!12 = !DILocation(line: 6, column: 3, scope: !3)
