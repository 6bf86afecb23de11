; The probes of a one-line loop, on the IR clang 14 makes (-O0 -g
; -Xclang -disable-O0-optnone) from
;   1 __attribute__((annotate("profile"))) int sum(int n) {
;   2   int s = 0;
;   3   for (int i = 0; i < n; i++) s += i;
;   4   return s;
;   5 }
; With no frontend the pass finds the function through
; llvm.global.annotations. The analysis proves
; every iteration stays on line 3, so the back edge fires statically
; (a hit on slot 1 in lineprof.backedge) and the loop header marks the line
; stale (slot 1 | 0x80000000 = -2147483647). The function keeps one body:
; every event adds to the thread's block and, with exact probes
; (lineprof<exact>), calls the runtime (which times the call or returns at
; once), in a timed call only, and not in one auto mode handed over to the
; sampler (its state's head says LINEPROF_TIMED_HANDED, 2): there the
; event stores its line in the head (slot, at 4) itself. The function
; calls nothing, so its frame keeps the sink slot it starts with (the
; sampler takes the line from the program counter).
; Without exact probes (NOEXACT) there are no runtime calls, and a
; function that calls nothing (a leaf) takes no frame: the sampler finds
; its line from the program counter.
; REQUIRES: llvm14
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<exact>,verify' -S %s -o - | FileCheck %s
; RUN: %opt -load-pass-plugin=%plugin '-passes=lineprof<memory>,verify' -S %s -o - | FileCheck --check-prefix=NOEXACT %s
; NOEXACT: @lineprof.module = private global {{.*}} { i32 13, i32 1, i32 3, i32 0, {{.*}}, i8* null, i32 0, i32 0, {{.*}}@lineprof.call_sites{{.*}} }
; NOEXACT-LABEL: define {{.*}} @sum(
; NOEXACT-NOT: @lineprof.module
; NOEXACT-NOT: %lineprof.call
; NOEXACT-NOT: @__lineprof_detail
; NOEXACT-NOT: __lineprof_stack
; NOEXACT-NOT: __lineprof_timed
; NOEXACT-LABEL: lineprof.backedge:
; NOEXACT-NEXT: load i64, i64* %lineprof.loophits
; NOEXACT-NOT: __lineprof_timed
; NOEXACT-NOT: __lineprof_stack
; NOEXACT-NOT: @lineprof.module
; NOEXACT: ret i32
; CHECK: @lineprof.module = private global {{.*}} { i32 13, i32 1, i32 3, i32 0, {{.*}}, i8* null, i32 1, i32 0, {{.*}}@lineprof.call_sites{{.*}} }
; CHECK: @lineprof.block = internal thread_local global i64* null
; CHECK: @__lineprof_stack = external thread_local(initialexec) global [4144 x i8]
; CHECK: @lineprof.lines = private unnamed_addr constant [3 x i32] [i32 2, i32 3, i32 4]
; CHECK-NOT: define {{.*}}lineprof_
; CHECK-LABEL: define {{.*}} @sum(
; CHECK: %lineprof.cur = alloca i32
; CHECK: %lineprof.call = alloca [14 x i64]
; CHECK: %lineprof.cached = load i64*, i64** @lineprof.block
; The counter block and the timed call's entry come through the module's
; own entries to the runtime: no instrumented function names the
; descriptor, whose tables LLVM's call graph would walk at every visit.
; CHECK-NOT: @lineprof.module
; CHECK: call i64* @lineprof.thread_block(i64** @lineprof.block)
; The mode, read once: sampled for the sample bit alone.
; CHECK: %lineprof.detail = load i32, i32* @__lineprof_detail
; CHECK-NEXT: %lineprof.sampling = icmp eq i32 %lineprof.detail, 4
; The shadow stack: depth at offset 0 grows by one only when sampled; the
; frame is frames[min(depth, 256)] (from offset 32, 16 bytes each), or the
; idle frame at offset 16; its slot field at +8 starts at the sink slot 3,
; and its stride field at +12 (the distance between the block's arrays) is
; 4: one 64-bit store of 4 << 32 | 3. The depth is stored after the
; frame, so that a sample never finds the new depth over an old frame.
; CHECK: [[DEPTH:%[0-9]+]] = load volatile i32, i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK: select i1 %lineprof.sampling, i64 {{%[0-9]+}}, i64 16
; CHECK: store volatile i64 17179869187, i64*
; CHECK-NEXT: [[ONE:%[0-9]+]] = zext i1 %lineprof.sampling to i32
; CHECK-NEXT: [[PUSHED:%[0-9]+]] = add i32 [[DEPTH]], [[ONE]]
; CHECK-NEXT: store volatile i32 [[PUSHED]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; The timed call's start: its state says "not timed" (its first 32 bits
; 0), and the runtime is called only with times or memory asked for (the
; mode's bits 1 and 2) or timed calls in progress (the shadow stack's
; field at offset 4); it says whether the call is timed.
; CHECK-NEXT: [[S:%[0-9]+]] = bitcast [14 x i64]* %lineprof.call to i32*
; CHECK-NEXT: store i32 0, i32* [[S]]
; CHECK-NEXT: [[M:%[0-9]+]] = and i32 %lineprof.detail, 3
; CHECK-NEXT: [[ASKED:%[0-9]+]] = icmp ne i32 [[M]], 0
; CHECK-NEXT: [[N:%[0-9]+]] = load i32, i32* bitcast (i8* getelementptr inbounds ([4144 x i8], [4144 x i8]* @__lineprof_stack, i32 0, i64 4) to i32*)
; CHECK-NEXT: [[NESTED:%[0-9]+]] = icmp ne i32 [[N]], 0
; CHECK-NEXT: [[ENTER:%[0-9]+]] = or i1 [[ASKED]], [[NESTED]]
; CHECK-NEXT: br i1 [[ENTER]], label %[[CALL:[0-9]+]], label %[[BODY:[0-9]+]]
; CHECK: [[CALL]]:
; CHECK-NEXT: [[TOP:%[0-9]+]] = call i8* @llvm.addressofreturnaddress.p0i8()
; CHECK-NEXT: [[C:%[0-9]+]] = bitcast [14 x i64]* %lineprof.call to i64*
; CHECK-NEXT: [[E:%[0-9]+]] = call i32 @lineprof.timed_enter(i64* [[C]], i64* %lineprof.block, i32 0, i8* [[TOP]])
; CHECK-NEXT: [[T:%[0-9]+]] = icmp ne i32 [[E]], 0
; CHECK-NEXT: br label %[[BODY]]
; CHECK: [[BODY]]:
; CHECK-NEXT: %lineprof.timed = phi i1 [ [[T]], %[[CALL]] ], [ false, %{{[0-9]+}} ]
; CHECK-LABEL: lineprof.backedge:
; CHECK-NEXT: [[C:%[0-9]+]] = bitcast [14 x i64]* %lineprof.call to i64*
; The loop calls nothing but the runtime: the back edge's Hit goes to a
; local, and the line stays the same, so the frame is not written.
; CHECK-NEXT: br i1 %lineprof.timed, label %[[G1:[0-9]+]], label %[[G1J:[0-9]+]]
; CHECK: [[G1]]:
; CHECK: [[T:%[0-9]+]] = load i32, i32* {{%[0-9]+}}, align 4, !dbg !{{[0-9]+}}, !nosanitize
; CHECK-NEXT: [[H:%[0-9]+]] = icmp eq i32 [[T]], 2
; CHECK-NEXT: br i1 [[H]], label %lineprof.keep, label %lineprof.charge
; CHECK: lineprof.keep:
; CHECK-NEXT: [[B:%[0-9]+]] = bitcast i64* [[C]] to i8*
; CHECK-NEXT: [[A:%[0-9]+]] = getelementptr inbounds i8, i8* [[B]], i64 4
; CHECK-NEXT: [[S:%[0-9]+]] = bitcast i8* [[A]] to i32*
; CHECK-NEXT: store volatile i32 1, i32* [[S]], align 4, !dbg !{{[0-9]+}}, !nosanitize
; CHECK-NEXT: br label %[[G1J]]
; CHECK: lineprof.charge:
; CHECK-NEXT: call void @__lineprof_timed_line(i64* [[C]], i32 1)
; CHECK-NEXT: br label %[[G1J]]
; CHECK: [[G1J]]:
; CHECK-NEXT: [[O:%[0-9]+]] = load i64, i64* %lineprof.loophits
; CHECK-NEXT: [[N:%[0-9]+]] = add i64 [[O]], 1
; CHECK-NEXT: store i64 [[N]], i64* %lineprof.loophits
; CHECK-NEXT: store i32 1, i32* %lineprof.cur
; CHECK-NEXT: br label
; CHECK: store i32 -2147483647, i32* %lineprof.cur
; CHECK: icmp slt
; The exit edge adds the local to the block.
; CHECK: [[A:%[0-9]+]] = getelementptr inbounds i64, i64* %lineprof.block, i64 1
; CHECK-NEXT: [[O:%[0-9]+]] = load atomic i64, i64* [[A]] unordered
; CHECK-NEXT: [[L:%[0-9]+]] = load i64, i64* %lineprof.loophits
; CHECK-NEXT: [[S:%[0-9]+]] = add i64 [[O]], [[L]]
; CHECK-NEXT: store atomic i64 [[S]], i64* [[A]] unordered
; CHECK-NEXT: store i64 0, i64* %lineprof.loophits
; At the return: its line's event and the timed call's end, each only in a
; timed call (a function of a few lines), then the depth back to the
; caller's.
; CHECK: br i1 %lineprof.timed, label %[[RL:[0-9]+]], label %[[RLJ:[0-9]+]]
; CHECK: [[RL]]:
; CHECK: store volatile i32 2, i32* {{%[0-9]+}}, align 4, !dbg !{{[0-9]+}}, !nosanitize
; CHECK: call void @__lineprof_timed_line(i64* {{%[0-9]+}}, i32 2)
; CHECK: br i1 %lineprof.timed, label %[[RT:[0-9]+]], label %[[RTJ:[0-9]+]]
; CHECK: [[RT]]:
; CHECK-NEXT: call void @__lineprof_timed_leave(i64*
; CHECK-NEXT: br label %[[G2J:[0-9]+]]
; CHECK: [[G2J]]:
; CHECK: store volatile i32 [[DEPTH]], i32* bitcast ([4144 x i8]* @__lineprof_stack to i32*)
; CHECK-NEXT: ret i32
; The entries: the only functions besides the constructor and destructor
; that name the descriptor, never inlined.
; CHECK: define internal i64* @lineprof.thread_block(i64** %0) #[[COLD:[0-9]+]] {
; CHECK-NEXT: [[B:%[0-9]+]] = call i64* @__lineprof_thread_block({{.*}}@lineprof.module, i64** %0)
; CHECK-NEXT: ret i64* [[B]]
; CHECK: define internal i32 @lineprof.timed_enter(i64* %0, i64* %1, i32 %2, i8* %3) #[[ENTRY:[0-9]+]] {
; CHECK-NEXT: [[T:%[0-9]+]] = call i32 @__lineprof_timed_enter(i64* %0, {{.*}}@lineprof.module, i64* %1, i32 %2, i8* %3)
; CHECK-NEXT: ret i32 [[T]]
; CHECK: attributes #[[COLD]] = { cold inaccessiblemem_or_argmemonly noinline nounwind willreturn }
; CHECK: attributes #[[ENTRY]] = { inaccessiblemem_or_argmemonly noinline nounwind willreturn }
; NOEXACT-NOT: @lineprof.timed_enter
; ModuleID = 'loop.c'
source_filename = "loop.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.str = private unnamed_addr constant [8 x i8] c"profile\00", section "llvm.metadata"
@.str.1 = private unnamed_addr constant [7 x i8] c"loop.c\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { i8*, i8*, i8*, i32, i8* }] [{ i8*, i8*, i8*, i32, i8* } { i8* bitcast (i32 (i32)* @sum to i8*), i8* getelementptr inbounds ([8 x i8], [8 x i8]* @.str, i32 0, i32 0), i8* getelementptr inbounds ([7 x i8], [7 x i8]* @.str.1, i32 0, i32 0), i32 1, i8* null }], section "llvm.metadata"

; Function Attrs: noinline nounwind uwtable
define dso_local i32 @sum(i32 noundef %0) #0 !dbg !10 {
  %2 = alloca i32, align 4
  %3 = alloca i32, align 4
  %4 = alloca i32, align 4
  store i32 %0, i32* %2, align 4
  call void @llvm.dbg.declare(metadata i32* %2, metadata !15, metadata !DIExpression()), !dbg !16
  call void @llvm.dbg.declare(metadata i32* %3, metadata !17, metadata !DIExpression()), !dbg !18
  store i32 0, i32* %3, align 4, !dbg !18
  call void @llvm.dbg.declare(metadata i32* %4, metadata !19, metadata !DIExpression()), !dbg !21
  store i32 0, i32* %4, align 4, !dbg !21
  br label %5, !dbg !22

5:                                                ; preds = %13, %1
  %6 = load i32, i32* %4, align 4, !dbg !23
  %7 = load i32, i32* %2, align 4, !dbg !25
  %8 = icmp slt i32 %6, %7, !dbg !26
  br i1 %8, label %9, label %16, !dbg !27

9:                                                ; preds = %5
  %10 = load i32, i32* %4, align 4, !dbg !28
  %11 = load i32, i32* %3, align 4, !dbg !29
  %12 = add nsw i32 %11, %10, !dbg !29
  store i32 %12, i32* %3, align 4, !dbg !29
  br label %13, !dbg !30

13:                                               ; preds = %9
  %14 = load i32, i32* %4, align 4, !dbg !31
  %15 = add nsw i32 %14, 1, !dbg !31
  store i32 %15, i32* %4, align 4, !dbg !31
  br label %5, !dbg !32, !llvm.loop !33

16:                                               ; preds = %5
  %17 = load i32, i32* %3, align 4, !dbg !36
  ret i32 %17, !dbg !37
}

; Function Attrs: nofree nosync nounwind readnone speculatable willreturn
declare void @llvm.dbg.declare(metadata, metadata, metadata) #1

attributes #0 = { noinline nounwind uwtable "frame-pointer"="all" "min-legal-vector-width"="0" "no-trapping-math"="true" "stack-protector-buffer-size"="8" "target-cpu"="x86-64" "target-features"="+cx8,+fxsr,+mmx,+sse,+sse2,+x87" "tune-cpu"="generic" }
attributes #1 = { nofree nosync nounwind readnone speculatable willreturn }

!llvm.dbg.cu = !{!0}
!llvm.module.flags = !{!2, !3, !4, !5, !6, !7, !8}
!llvm.ident = !{!9}

!0 = distinct !DICompileUnit(language: DW_LANG_C99, file: !1, producer: "Debian clang version 14.0.6", isOptimized: false, runtimeVersion: 0, emissionKind: FullDebug, splitDebugInlining: false, nameTableKind: None)
!1 = !DIFile(filename: "loop.c", directory: "/tmp/t1", checksumkind: CSK_MD5, checksum: "ca3fd496659771c74161a3761ee3824a")
!2 = !{i32 7, !"Dwarf Version", i32 5}
!3 = !{i32 2, !"Debug Info Version", i32 3}
!4 = !{i32 1, !"wchar_size", i32 4}
!5 = !{i32 7, !"PIC Level", i32 2}
!6 = !{i32 7, !"PIE Level", i32 2}
!7 = !{i32 7, !"uwtable", i32 1}
!8 = !{i32 7, !"frame-pointer", i32 2}
!9 = !{!"Debian clang version 14.0.6"}
!10 = distinct !DISubprogram(name: "sum", scope: !1, file: !1, line: 1, type: !11, scopeLine: 1, flags: DIFlagPrototyped, spFlags: DISPFlagDefinition, unit: !0, retainedNodes: !14)
!11 = !DISubroutineType(types: !12)
!12 = !{!13, !13}
!13 = !DIBasicType(name: "int", size: 32, encoding: DW_ATE_signed)
!14 = !{}
!15 = !DILocalVariable(name: "n", arg: 1, scope: !10, file: !1, line: 1, type: !13)
!16 = !DILocation(line: 1, column: 50, scope: !10)
!17 = !DILocalVariable(name: "s", scope: !10, file: !1, line: 2, type: !13)
!18 = !DILocation(line: 2, column: 7, scope: !10)
!19 = !DILocalVariable(name: "i", scope: !20, file: !1, line: 3, type: !13)
!20 = distinct !DILexicalBlock(scope: !10, file: !1, line: 3, column: 3)
!21 = !DILocation(line: 3, column: 12, scope: !20)
!22 = !DILocation(line: 3, column: 8, scope: !20)
!23 = !DILocation(line: 3, column: 19, scope: !24)
!24 = distinct !DILexicalBlock(scope: !20, file: !1, line: 3, column: 3)
!25 = !DILocation(line: 3, column: 23, scope: !24)
!26 = !DILocation(line: 3, column: 21, scope: !24)
!27 = !DILocation(line: 3, column: 3, scope: !20)
!28 = !DILocation(line: 3, column: 36, scope: !24)
!29 = !DILocation(line: 3, column: 33, scope: !24)
!30 = !DILocation(line: 3, column: 31, scope: !24)
!31 = !DILocation(line: 3, column: 27, scope: !24)
!32 = !DILocation(line: 3, column: 3, scope: !24)
!33 = distinct !{!33, !27, !34, !35}
!34 = !DILocation(line: 3, column: 36, scope: !20)
!35 = !{!"llvm.loop.mustprogress"}
!36 = !DILocation(line: 4, column: 10, scope: !10)
!37 = !DILocation(line: 4, column: 3, scope: !10)
