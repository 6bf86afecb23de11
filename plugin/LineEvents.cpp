//===- LineEvents.cpp - The probes of a function's line events ------------===//
//
// One body per function serves every timer mode; which work a call does is
// read once, at its entry, from the runtime's __lineprof_detail:
//
//  * always: each event adds one to its line's hit counter in the thread's
//    counter block (in a call-free loop, to a local added to it when the
//    loop exits: LoopHitCounters.h; none where the hits follow from the
//    lines a branch leads to: DerivedHits.h); before each call it makes,
//    the function stores the calling line in its frame of the thread's
//    shadow stack (the sampler finds the line of the innermost call from
//    the program counter, so lines without calls store nothing);
//  * sampled: that frame is a real one, pushed at entry and popped at
//    return, for the sampling timer to read; otherwise it is the thread's
//    idle frame, which nothing reads. A function that calls nothing (a
//    leaf) takes no frame without exact probes: the sampler finds its line
//    from the program counter, its caller's from the caller's frame, and it
//    cannot allocate;
//  * with exact probes only (-fplugin-arg-lineprof-exact): each call also
//    calls the runtime at entry, at each event (__lineprof_timed_line) and
//    at return, with a per-call state in this frame; when the call is timed
//    (LINEPROF_DETAIL_TIMER or _MEMORY set at its entry, which the entry's
//    call returns) the runtime reads the clock and charges the time and
//    memory since the call's previous event to the line that ends, else it
//    returns at once; in small functions and loops a call that is not
//    timed branches past those runtime calls (guardTimedCalls), and one
//    that auto mode handed over to the sampler stores its line in its
//    state instead of calling the runtime to do it. A call is
//    sampled when the sample bit alone is set; in a module without exact
//    probes, always (with the timer off nothing reads its frame);
//  * with hit counters only (-fplugin-arg-lineprof-hits): the hits and the
//    current line, nothing else: no frame, no mode, no work at return, so
//    the call costs what counting costs (clang's own loops stay).
//
// Every piece of probe code is local to its event, and none splits a block
// but the tests of dynamic sites and, in functions and loops of a few
// lines, of a timed call: nothing grows with the number of lines times the
// number of calls or blocks, and compile time stays linear in the
// function's size (docs/performance.md#compile-time).
//
//===----------------------------------------------------------------------===//
#include "LineEvents.h"

#include "DerivedHits.h"
#include "EdgeSplit.h"
#include "LineEventSites.h"
#include "LoopHitCounters.h"
#include "SiblingCalls.h"
#include "rt_abi.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <cstddef>
#include <vector>

using namespace llvm;

namespace lineprof {
namespace {

template <typename InstT> InstT *markNoSanitize(InstT *I) {
  I->setMetadata(I->getModule()->getMDKindID("nosanitize"),
                 MDNode::get(I->getContext(), {}));
  return I;
}

/// The address of the Ty at Offset bytes into Base: a field of the shadow
/// stack, a frame or a timed call's state (rt_abi.h).
Value *fieldAt(IRBuilder<> &B, Value *Base, size_t Offset, Type *Ty) {
  Value *Bytes = B.CreateBitCast(Base, B.getInt8PtrTy());
  Value *At = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Bytes, Offset);
  return B.CreateBitCast(At, Ty->getPointerTo());
}

/// Where code that must run at return R goes: before R, or before the
/// call R is tied to.
Instruction *beforeReturn(ReturnInst *R) {
  if (Instruction *Call = callTiedTo(*R))
    return Call;
  return R;
}

/// Whether I is a call of the user's code that may run for a while: any
/// call but the probes' own and intrinsics other than the memory ones
/// (memcpy, memmove, memset may become library calls).
bool callsOut(const Instruction &I,
              const DenseMap<Instruction *, unsigned> &Slot) {
  auto *CB = dyn_cast<CallBase>(&I);
  if (!CB || !Slot.count(const_cast<Instruction *>(&I)))
    return false;
  auto *II = dyn_cast<IntrinsicInst>(CB);
  return !II || isa<MemIntrinsic>(II);
}

/// A block run only when Cond holds, before Before; returns its terminator.
/// Its branches get Loc: the probes' line 0, like the rest of the probes.
Instruction *splitForProbe(Value *Cond, Instruction *Before,
                           const DebugLoc &Loc) {
  Instruction *Then = SplitBlockAndInsertIfThen(Cond, Before, false);
  Then->setDebugLoc(Loc);
  Then->getParent()->getSinglePredecessor()->getTerminator()->setDebugLoc(Loc);
  return Then;
}

/// The edges that leave the blocks Top dominates (reachable ones), each
/// once.
std::vector<std::pair<BasicBlock *, BasicBlock *>>
regionExits(const DominatorTree &DT, BasicBlock *Top) {
  std::vector<std::pair<BasicBlock *, BasicBlock *>> Exits;
  for (BasicBlock &BB : *Top->getParent()) {
    if (!DT.isReachableFromEntry(&BB) || !DT.dominates(Top, &BB))
      continue;
    SmallPtrSet<BasicBlock *, 4> Seen;
    for (BasicBlock *To : successors(&BB))
      if (!DT.dominates(Top, To) && Seen.insert(To).second)
        Exits.push_back({&BB, To});
  }
  return Exits;
}

/// Functions and loops of at most this many line events branch past their
/// events' runtime calls in a call that is not timed (guardTimedCalls): a
/// small function's or a hot loop's few lines, not an interpreter's switch
/// in a loop, whose thousands of branches made its compile take three
/// times as long (the optimiser and the register allocator).
constexpr unsigned SmallEvents = 32;

/// The blocks whose events are guarded: all of them in a function of at
/// most SmallEvents event sites, else those whose innermost loop has at
/// most SmallEvents (its inner loops' included).
SmallPtrSet<BasicBlock *, 32> guardedBlocks(Function &F,
                                            const EventSites &Sites) {
  DominatorTree DT(F);
  LoopInfo LI(DT);
  DenseMap<Loop *, unsigned> Events; // nullptr: the whole function
  auto Add = [&](BasicBlock *BB, unsigned N) {
    Events[nullptr] += N;
    for (Loop *L = LI.getLoopFor(BB); L; L = L->getParentLoop())
      Events[L] += N;
  };
  for (auto &[BB, List] : Sites.Lines)
    Add(BB, List.size());
  for (const EdgeSite &E : Sites.Edges)
    Add(E.From, 1);
  bool All = Events.lookup(nullptr) <= SmallEvents;
  SmallPtrSet<BasicBlock *, 32> Small;
  for (BasicBlock &BB : F) {
    Loop *L = LI.getLoopFor(&BB);
    if (All || (L && Events.lookup(L) <= SmallEvents))
      Small.insert(&BB);
  }
  return Small;
}

/// Instruments one function; see the file comment.
class FunctionProbes {
public:
  FunctionProbes(Function &F, const DenseMap<Instruction *, unsigned> &Slot,
                 const ProbeContext &Ctx, unsigned Index)
      : F(F), Slot(Slot), Ctx(Ctx), Index(Index), C(F.getContext()),
        I32(Type::getInt32Ty(C)), I64(Type::getInt64Ty(C)),
        I8(Type::getInt8Ty(C)) {}

  InstrumentedFunction run();

private:
  Function &F;
  const DenseMap<Instruction *, unsigned> &Slot;
  const ProbeContext &Ctx;
  unsigned Index; // F's entry in the module's function table
  LLVMContext &C;
  Type *I32, *I64, *I8;
  DebugLoc ProbeLoc; // line 0: probes belong to no source line

  // Per-call locals and values made by the prologue.
  AllocaInst *Cur = nullptr;  // the current line's slot (| STALE)
  AllocaInst *Call = nullptr; // the runtime's state of a timed call
  Value *Block = nullptr;     // the thread's counter block for the module
  Value *Sampling = nullptr;  // i1: the call takes a real frame
  Value *Timed = nullptr;     // i1: the runtime times the call (exact probes)
  Value *Depth = nullptr, *Frame = nullptr; // shadow stack, if any
  StoreInst *FrameInit = nullptr; // the frame's slot and stride, at its push
  StoreInst *DepthPush = nullptr; // the depth's store after it
  Instruction *PrologueEnd = nullptr;      // where the prologue ends
  SmallPtrSet<StoreInst *, 16> SlotStores; // events' stores of their slot
  std::vector<HitUpdate> Hits;             // every event's counter update
  std::vector<CallInst *> Guarded;         // runtime calls run only if timed
  bool GuardReturns = false;               // a small function: its returns' too

  bool isLeaf() const;
  void emitPrologue();
  void emitThreadBlock(IRBuilder<> &B);
  void emitDepth(IRBuilder<> &B);
  void emitTimedEnter(Value *Detail);
  Instruction *framePoint(const DominatorTree &DT);
  void emitFrame(Instruction *At);
  void emitLineSite(LineSite &S, bool Hot);
  void emitEdgeSite(EdgeSite &E, bool Hot);
  void emitEvent(Instruction *Before, unsigned Slot, bool LineChanges,
                 bool Hot);
  void emitCallingLines();
  void emitReturns(const DominatorTree &DT);
  void emitSetjmpDepths();
  void keepCurAcrossLongjmp();
  void foldFirstSlotStore();
  void countHit(IRBuilder<> &B, unsigned Slot);
  Value *dynamicFires(IRBuilder<> &B, unsigned Slot, bool OnBackEdge);
  void callRuntime(Instruction *Before, StringRef Name, ArrayRef<Value *> Args,
                   bool Hot);
  CallInst *callRuntime(IRBuilder<> &B, FunctionCallee Fn,
                        ArrayRef<Value *> Args);
  StoreInst *storeVolatile(IRBuilder<> &B, Value *V, Value *Addr);
  Value *depthField(IRBuilder<> &B);
  Value *pushedDepth(IRBuilder<> &B);
  StoreInst *storeFrameSlot(IRBuilder<> &B, unsigned SlotIndex);
};

} // namespace

FunctionCallee runtimeFunction(Module &M, StringRef Name, Type *Result,
                               ArrayRef<Type *> Params) {
  FunctionCallee Fn =
      M.getOrInsertFunction(Name, FunctionType::get(Result, Params, false));
  if (auto *Decl = dyn_cast<Function>(Fn.getCallee())) {
    Decl->setDoesNotThrow();
    Decl->addFnAttr(Attribute::WillReturn);
    Decl->setOnlyAccessesInaccessibleMemOrArgMem();
    Decl->addFnAttr(Attribute::NonLazyBind);
  }
  return Fn;
}

namespace {

StoreInst *FunctionProbes::storeVolatile(IRBuilder<> &B, Value *V,
                                         Value *Addr) {
  return markNoSanitize(B.CreateStore(V, Addr, /*isVolatile=*/true));
}

/// The shadow stack's depth field.
Value *FunctionProbes::depthField(IRBuilder<> &B) {
  return fieldAt(B, Ctx.Stack, offsetof(struct lineprof_stack, depth), I32);
}

/// The depth while the call's frame is pushed: one more when sampled.
Value *FunctionProbes::pushedDepth(IRBuilder<> &B) {
  return B.CreateAdd(Depth, B.CreateZExt(Sampling, I32));
}

/// The frame's current line: the line of an event, or of a call.
StoreInst *FunctionProbes::storeFrameSlot(IRBuilder<> &B, unsigned SlotIndex) {
  Value *Addr = fieldAt(B, Frame, offsetof(struct lineprof_frame, slot), I32);
  return storeVolatile(B, ConstantInt::get(I32, SlotIndex), Addr);
}

/// One more hit for Slot in the thread's block (CounterUpdates.h).
void FunctionProbes::countHit(IRBuilder<> &B, unsigned SlotIndex) {
  Hits.push_back(addOne(B, Block, SlotIndex));
}

/// Before Before, with exact probes: the runtime's Name(state, Args...),
/// which returns at once in a call that is not timed. A plain call, no
/// branch: it leaves the block whole, which keeps the optimiser's and code
/// generator's work linear in the function's size. In a small function or
/// loop (Hot) guardTimedCalls() later puts it behind a test of the call's
/// timing.
void FunctionProbes::callRuntime(Instruction *Before, StringRef Name,
                                 ArrayRef<Value *> Args, bool Hot) {
  if (!Ctx.exact())
    return;
  SmallVector<Type *, 4> Types = {I64->getPointerTo()};
  for (Value *V : Args)
    Types.push_back(V->getType());
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(ProbeLoc);
  CallInst *Call = callRuntime(
      B, runtimeFunction(*F.getParent(), Name, Type::getVoidTy(C), Types),
      Args);
  if (Hot)
    Guarded.push_back(Call);
}

/// At B: the runtime's function (or the module's entry to it) Fn, with the
/// call's state first.
CallInst *FunctionProbes::callRuntime(IRBuilder<> &B, FunctionCallee Fn,
                                      ArrayRef<Value *> Args) {
  SmallVector<Value *, 4> All = {B.CreateBitCast(Call, I64->getPointerTo())};
  All.append(Args.begin(), Args.end());
  return B.CreateCall(Fn, All);
}

/// The module's counter block for this thread: its thread-local cache, or
/// the runtime's answer the first time.
void FunctionProbes::emitThreadBlock(IRBuilder<> &B) {
  Type *BlockPtr = I64->getPointerTo();
  LoadInst *Cached = B.CreateLoad(BlockPtr, Ctx.ThreadTls, "lineprof.cached");
  Instruction *Rest = &*B.GetInsertPoint();
  Instruction *Slow = splitForProbe(B.CreateIsNull(Cached), Rest, ProbeLoc);
  B.SetInsertPoint(Slow);
  Value *Fresh = B.CreateCall(Ctx.ThreadBlock, {Ctx.ThreadTls});
  B.SetInsertPoint(Rest);
  PHINode *Phi = B.CreatePHI(BlockPtr, 2, "lineprof.block");
  Phi->addIncoming(Cached, Cached->getParent());
  Phi->addIncoming(Fresh, Slow->getParent());
  Block = Phi;
}

/// The depth of the shadow stack at entry, which every return restores.
void FunctionProbes::emitDepth(IRBuilder<> &B) {
  Depth = markNoSanitize(B.CreateLoad(I32, depthField(B), /*isVolatile=*/true));
}

/// Where the frame of a call without exact probes is pushed: where every
/// call of the function is still ahead and no loop is entered (the common
/// dominator of its calls, above their loops), else at the prologue's end;
/// a call that returns before calling anything pushes nothing and is a
/// leaf to the sampler. (With exact probes the prologue pushes it.)
Instruction *FunctionProbes::framePoint(const DominatorTree &DT) {
  LoopInfo LI(DT);
  BasicBlock *At = nullptr;
  for (Instruction &I : instructions(F))
    if (callsOut(I, Slot) && DT.isReachableFromEntry(I.getParent()))
      At =
          At ? DT.findNearestCommonDominator(At, I.getParent()) : I.getParent();
  while (At && LI.getLoopFor(At)) {
    Loop *L = LI.getLoopFor(At);
    while (L->getParentLoop())
      L = L->getParentLoop();
    DomTreeNode *Above = DT.getNode(L->getHeader())->getIDom();
    At = Above ? Above->getBlock() : nullptr;
  }
  if (!At || DT.dominates(At, PrologueEnd->getParent()))
    return PrologueEnd;
  for (auto [From, To] : regionExits(DT, At))
    if (!From->getSingleSuccessor() &&
        (isa<IndirectBrInst>(From->getTerminator()) ||
         isa<CallBrInst>(From->getTerminator())))
      return PrologueEnd; // an edge that cannot take the pop
  return &*At->getFirstInsertionPt();
}

/// The call's frame: when sampled, frames[min(depth, LINEPROF_STACK_FRAMES)]
/// with depth incremented; else the idle frame, depth unchanged. Branch-free:
/// the same stores either way. The depth is stored last: a sample between
/// its store and the frame's would charge the line a call that ran at this
/// depth before left in the frame (the stall on the depth's load made that
/// window 16-20% of a small function's time).
void FunctionProbes::emitFrame(Instruction *At) {
  IRBuilder<> B(At);
  B.SetCurrentDebugLocation(ProbeLoc);
  if (!Depth)
    emitDepth(B);
  Value *Top = B.getInt32(LINEPROF_STACK_FRAMES);
  Value *FrameIndex = B.CreateZExt(
      B.CreateSelect(B.CreateICmpULT(Depth, Top), Depth, Top), I64);
  Value *Offset = B.CreateAdd(
      ConstantInt::get(I64, offsetof(struct lineprof_stack, frames)),
      B.CreateMul(FrameIndex,
                  ConstantInt::get(I64, sizeof(struct lineprof_frame))));
  Value *Idle = ConstantInt::get(I64, offsetof(struct lineprof_stack, idle));
  Frame = B.CreateInBoundsGEP(
      I8, B.CreateBitCast(Ctx.Stack, I8->getPointerTo()),
      B.CreateSelect(Sampling, Offset, Idle), "lineprof.frame");
  Value *Cycles = B.CreateInBoundsGEP(
      I64, Block, ConstantInt::get(I64, Ctx.ModuleSlots + 1));
  storeVolatile(B, Cycles,
                fieldAt(B, Frame, offsetof(struct lineprof_frame, cycles),
                        I64->getPointerTo()));
  // slot (the sink slot) and stride (nslots + 1) side by side: one store.
  static_assert(offsetof(struct lineprof_frame, stride) ==
                    offsetof(struct lineprof_frame, slot) + 4,
                "slot and stride are one 64-bit word");
  uint64_t Slot = Ctx.ModuleSlots, Stride = Ctx.ModuleSlots + 1;
  bool Little = F.getParent()->getDataLayout().isLittleEndian();
  FrameInit = storeVolatile(
      B, B.getInt64(Little ? Slot | Stride << 32 : Stride | Slot << 32),
      fieldAt(B, Frame, offsetof(struct lineprof_frame, slot), I64));
  Value *Pushed = pushedDepth(B);
  DepthPush = storeVolatile(B, Pushed, depthField(B));
}

/// Locals, the counter block, the mode flags, the frame, and the timed
/// call's start.
void FunctionProbes::emitPrologue() {
  BasicBlock &Entry = F.getEntryBlock();
  // The allocas have no location, as clang's have none: the inliner keeps
  // a static alloca's location as it is, so under -gno-inline-line-tables
  // it would name the callee's subprogram in the caller (invalid).
  IRBuilder<> B(&Entry, Entry.begin());
  Cur = B.CreateAlloca(I32, nullptr, "lineprof.cur");
  if (Ctx.exact())
    Call = B.CreateAlloca(ArrayType::get(I64, LINEPROF_TIMED_CALL_WORDS),
                          nullptr, "lineprof.call");
  B.SetCurrentDebugLocation(ProbeLoc);
  // After the fixed-size allocas and llvm.localescape (which must stay in
  // the entry block the prologue splits), with the debug intrinsics among
  // them, none of which gets a line event; a dynamic alloca may (a probe
  // before it must follow the prologue).
  BasicBlock::iterator IP = Entry.getFirstInsertionPt();
  auto StaysFirst = [](Instruction &I) {
    if (auto *A = dyn_cast<AllocaInst>(&I))
      return A->isStaticAlloca();
    auto *II = dyn_cast<IntrinsicInst>(&I);
    return II && (isa<DbgInfoIntrinsic>(II) ||
                  II->getIntrinsicID() == Intrinsic::localescape);
  };
  while (StaysFirst(*IP))
    ++IP;
  B.SetInsertPoint(&Entry, IP);
  B.CreateStore(B.getInt32(Ctx.ModuleSlots), Cur);
  emitThreadBlock(B);
  if (Ctx.hits() || (!Ctx.exact() && isLeaf()))
    return;
  // Without exact probes a call always takes a real frame: with the timer
  // off nothing reads it, and reading the mode would cost more than it saves.
  Value *Detail = nullptr;
  if (Ctx.exact())
    Sampling = B.CreateICmpEQ(
        Detail = B.CreateLoad(I32, Ctx.Detail, "lineprof.detail"),
        B.getInt32(LINEPROF_DETAIL_SAMPLE), "lineprof.sampling");
  else
    Sampling = B.getTrue();
  PrologueEnd = &*B.GetInsertPoint();
  if (!Ctx.exact())
    return; // the frame is pushed later (framePoint)
  emitDepth(B);
  emitFrame(PrologueEnd);
  emitTimedEnter(Detail);
}

/// With exact probes: the runtime's start of the call, which says whether
/// it is timed. Called only when times or memory are asked for, or timed
/// calls are in progress (whose stack it keeps across longjmps): with the
/// timer off or sampling, a call of the exact build costs no runtime call.
void FunctionProbes::emitTimedEnter(Value *Detail) {
  IRBuilder<> B(PrologueEnd);
  B.SetCurrentDebugLocation(ProbeLoc);
  // Not timed until the entry says so (rt_abi.h): the runtime calls that
  // are not guarded run whatever the entry did.
  B.CreateStore(B.getInt32(0), B.CreateBitCast(Call, I32->getPointerTo()));
  Value *Asked = B.CreateICmpNE(
      B.CreateAnd(Detail, LINEPROF_DETAIL_TIMER | LINEPROF_DETAIL_MEMORY),
      B.getInt32(0));
  Value *InProgress = B.CreateICmpNE(
      B.CreateLoad(I32, fieldAt(B, Ctx.Stack,
                                offsetof(struct lineprof_stack, timed), I32)),
      B.getInt32(0));
  Instruction *Then =
      splitForProbe(B.CreateOr(Asked, InProgress), PrologueEnd, ProbeLoc);
  B.SetInsertPoint(Then);
  Value *Top = B.CreateIntrinsic(Intrinsic::addressofreturnaddress,
                                 {I8->getPointerTo()}, {});
  Value *Entered = B.CreateICmpNE(
      callRuntime(B, Ctx.TimedEnter, {Block, B.getInt32(Index), Top}),
      B.getInt32(0));
  B.SetInsertPoint(PrologueEnd);
  PHINode *Phi = B.CreatePHI(B.getInt1Ty(), 2, "lineprof.timed");
  Phi->addIncoming(Entered, Then->getParent());
  Phi->addIncoming(B.getFalse(), Then->getParent()->getSinglePredecessor());
  Timed = Phi;
}

/// One line event for Slot before `Before`: a hit, the new current line,
/// and in a timed call the runtime's charge of the line that ends. With
/// exact probes every event calls the runtime, where a sample of a sampled
/// call may land: the frame gets the line at each event that changes it
/// (not a back edge's when the iteration stayed on the header's line).
void FunctionProbes::emitEvent(Instruction *Before, unsigned SlotIndex,
                               bool LineChanges, bool Hot) {
  callRuntime(Before, "__lineprof_timed_line",
              {ConstantInt::get(I32, SlotIndex)}, Hot);
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(ProbeLoc);
  countHit(B, SlotIndex);
  B.CreateStore(ConstantInt::get(I32, SlotIndex), Cur);
  if (Ctx.exact() && LineChanges)
    SlotStores.insert(storeFrameSlot(B, SlotIndex));
}

/// Whether F calls nothing (the probes' own calls aside).
bool FunctionProbes::isLeaf() const {
  for (const Instruction &I : instructions(F))
    if (callsOut(I, Slot))
      return false;
  return true;
}

/// Before each call, the calling line's slot in the frame: the callers'
/// lines of a sample, and the line an allocation is charged to. A block's
/// later calls from the same line need no store of their own: only this
/// call's own stores change its frame.
void FunctionProbes::emitCallingLines() {
  for (BasicBlock &BB : F) {
    unsigned Stored = ~0u;
    for (Instruction &I : BB) {
      if (!callsOut(I, Slot) || Slot.lookup(&I) == Stored)
        continue;
      Stored = Slot.lookup(&I);
      IRBuilder<> B(&I);
      B.SetCurrentDebugLocation(ProbeLoc);
      SlotStores.insert(storeFrameSlot(B, Stored));
    }
  }
}

/// The run-time test of a site whose decision the analysis left open: on a
/// back edge, "the iteration stayed on the header's line"; elsewhere, "the
/// call is on another line".
Value *FunctionProbes::dynamicFires(IRBuilder<> &B, unsigned SlotIndex,
                                    bool OnBackEdge) {
  Value *V = B.CreateLoad(I32, Cur);
  if (OnBackEdge)
    return B.CreateICmpEQ(
        V, ConstantInt::get(I32, SlotIndex | LINEPROF_STALE_BIT));
  return B.CreateICmpNE(B.CreateAnd(V, ~LINEPROF_STALE_BIT),
                        ConstantInt::get(I32, SlotIndex));
}

void FunctionProbes::emitLineSite(LineSite &S, bool Hot) {
  if (S.D == Decision::Unreachable)
    return;
  if (S.D == Decision::Fire)
    emitEvent(S.At, S.Slot, true, Hot);
  else if (S.D == Decision::Dynamic) {
    IRBuilder<> B(S.At);
    B.SetCurrentDebugLocation(ProbeLoc);
    Value *Fires = dynamicFires(B, S.Slot, false);
    Instruction *Then = splitForProbe(Fires, S.At, ProbeLoc);
    emitEvent(Then, S.Slot, true, Hot);
  }
  if (S.Header) {
    IRBuilder<> B(S.At);
    B.CreateStore(ConstantInt::get(I32, S.Slot | LINEPROF_STALE_BIT), Cur);
  }
}

void FunctionProbes::emitEdgeSite(EdgeSite &E, bool Hot) {
  if (E.D != Decision::Fire && E.D != Decision::Dynamic)
    return;
  BasicBlock *Mid = splitEdge(E.From, E.To, "lineprof.backedge", ProbeLoc);
  Instruction *At = Mid->getTerminator();
  if (E.D == Decision::Dynamic) {
    IRBuilder<> B(At);
    B.SetCurrentDebugLocation(ProbeLoc);
    At = splitForProbe(dynamicFires(B, E.Slot, true), At, ProbeLoc);
  }
  emitEvent(At, E.Slot, false, Hot);
}

/// The shadow stack's depth back to the caller's where the call's frame
/// ends: at every return its push dominates (after the last line's time,
/// if timed), and on every edge out of the blocks it dominates (the push
/// is in no loop, so a path leaves them at most once). A call that took
/// another way pushed nothing and stores nothing.
void FunctionProbes::emitReturns(const DominatorTree &DT) {
  BasicBlock *Pushed = FrameInit->getParent();
  std::vector<Instruction *> Pops;
  for (BasicBlock &BB : F)
    if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
      if (DT.dominates(Pushed, &BB))
        Pops.push_back(beforeReturn(R));
  auto Exits = regionExits(DT, Pushed); // before any block is split
  for (Instruction *At : Pops)
    callRuntime(At, "__lineprof_timed_leave", {}, GuardReturns);
  for (auto [From, To] : Exits)
    Pops.push_back(
        From->getSingleSuccessor()
            ? From->getTerminator()
            : splitEdge(From, To, "lineprof.pop", ProbeLoc)->getTerminator());
  for (Instruction *At : Pops) {
    IRBuilder<> B(At);
    B.SetCurrentDebugLocation(ProbeLoc);
    storeVolatile(B, Depth, depthField(B));
  }
}

/// After each return of setjmp (a longjmp skips returns), the depth is
/// this call's again.
void FunctionProbes::emitSetjmpDepths() {
  std::vector<Instruction *> After;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *CB = dyn_cast<CallInst>(&I))
        if (CB->hasFnAttr(Attribute::ReturnsTwice))
          After.push_back(CB->getNextNode());
  for (Instruction *At : After) {
    IRBuilder<> B(At);
    B.SetCurrentDebugLocation(ProbeLoc);
    Value *Pushed = pushedDepth(B);
    storeVolatile(B, Pushed, depthField(B));
  }
}

/// In a function that calls setjmp, longjmp must find `cur` as the call
/// last set it, like any C local changed after setjmp: volatile keeps it in
/// memory. (As a register it would roll back to its value at setjmp.)
void FunctionProbes::keepCurAcrossLongjmp() {
  if (!F.callsFunctionThatReturnsTwice())
    return;
  for (User *U : Cur->users())
    if (auto *Load = dyn_cast<LoadInst>(U))
      Load->setVolatile(true);
    else if (auto *Store = dyn_cast<StoreInst>(U))
      Store->setVolatile(true);
}

/// When nothing but the depth's store and the first event's counter update
/// and current line stand between the frame's initial store and that
/// event's store of its slot, the initial store takes the slot: one store
/// fewer per call.
void FunctionProbes::foldFirstSlotStore() {
  for (Instruction *I = FrameInit->getNextNode(); I; I = I->getNextNode()) {
    auto *S = dyn_cast<StoreInst>(I);
    if (S && SlotStores.count(S)) {
      auto *Init = cast<ConstantInt>(FrameInit->getValueOperand());
      uint64_t Slot = cast<ConstantInt>(S->getValueOperand())->getZExtValue();
      bool Little = F.getParent()->getDataLayout().isLittleEndian();
      uint64_t Keep = Little ? Init->getZExtValue() & ~0xffffffffull
                             : Init->getZExtValue() & 0xffffffffull;
      FrameInit->setOperand(
          0, ConstantInt::get(I64, Keep | (Little ? Slot : Slot << 32)));
      S->eraseFromParent();
      return;
    }
    bool CounterOrCur = S ? !S->isVolatile() : !I->mayHaveSideEffects();
    if ((!CounterOrCur && S != DepthPush) || I->isTerminator())
      return;
  }
}

InstrumentedFunction FunctionProbes::run() {
  if (DISubprogram *SP = F.getSubprogram())
    ProbeLoc = DILocation::get(C, 0, 0, SP);
  emitPrologue(); // first: it splits the entry block
  EventSites Sites = findEventSites(F, Slot, Ctx.ModuleSlots);
  SmallPtrSet<BasicBlock *, 32> Hot; // before any block is split
  if (Ctx.exact())
    Hot = guardedBlocks(F, Sites);
  GuardReturns = Hot.count(&F.getEntryBlock());
  // Edge sites before line sites: splitting a block at a line site would
  // move the back edge's branch away from the block the edge names.
  for (EdgeSite &E : Sites.Edges)
    emitEdgeSite(E, Hot.count(E.From));
  for (auto &[BB, List] : Sites.Lines)
    for (LineSite &S : List)
      emitLineSite(S, Hot.count(BB));
  if (Sampling) {        // the frame: its push, and its work at calls, returns
    DominatorTree DT(F); // and after setjmp; no block is split until the pops
    if (!Frame)
      emitFrame(framePoint(DT));
    if (!Ctx.exact()) // with exact probes every event stores its line
      emitCallingLines();
    emitReturns(DT);
    emitSetjmpDepths();
  }
  keepCurAcrossLongjmp();
  if (Frame)
    foldFirstSlotStore();
  if (Ctx.Kind == ProbeKind::Unwound)
    keepFramesForNativeStack(F);
  std::vector<DerivedHit> Derived = deriveHits(Hits);
  promoteLoopHitCounters(F, Block, ProbeLoc, Hits);
  return {Block, std::move(Derived), Timed, std::move(Guarded)};
}

} // namespace

Instruction *callTiedTo(const ReturnInst &R) {
  Instruction *Prev = const_cast<Instruction *>(R.getPrevNode());
  auto *Call = dyn_cast_or_null<CallInst>(Prev);
  if (Call && Call->getIntrinsicID() == Intrinsic::experimental_deoptimize)
    return Call;
  if (isa_and_nonnull<BitCastInst>(Prev))
    Call = dyn_cast_or_null<CallInst>(Prev->getPrevNode());
  return Call && Call->isMustTailCall() ? Call : nullptr;
}

InstrumentedFunction
instrumentLineEvents(Function &F, const DenseMap<Instruction *, unsigned> &Slot,
                     const ProbeContext &Ctx, unsigned FunctionIndex) {
  return FunctionProbes(F, Slot, Ctx, FunctionIndex).run();
}

/// A guarded event's call of __lineprof_timed_line (Call: the state, the
/// slot) in a call that is timed: once auto mode has handed the call over
/// to the sampler, the event stores its slot in the state's head itself
/// instead of calling the runtime to do it (volatile, as a frame's line:
/// each event's store stays, in its place).
static void keepHandedLine(CallInst *Call) {
  BasicBlock *Test = Call->getParent();
  BasicBlock *Charge = Test->splitBasicBlock(Call, "lineprof.charge");
  BasicBlock *Join = Charge->getTerminator()->getSuccessor(0);
  BasicBlock *Keep = BasicBlock::Create(Call->getContext(), "lineprof.keep",
                                        Test->getParent(), Charge);
  const DebugLoc &Loc = Call->getDebugLoc();
  Value *State = Call->getArgOperand(0);
  IRBuilder<> B(Keep);
  B.SetCurrentDebugLocation(Loc);
  markNoSanitize(B.CreateStore(
      Call->getArgOperand(1),
      fieldAt(B, State, offsetof(struct lineprof_timed_head, slot),
              B.getInt32Ty()),
      /*isVolatile=*/true));
  B.CreateBr(Join);
  for (PHINode &Phi : Join->phis())
    Phi.addIncoming(Phi.getIncomingValueForBlock(Charge), Keep);
  Test->getTerminator()->eraseFromParent();
  B.SetInsertPoint(Test);
  Value *Timed = markNoSanitize(B.CreateLoad(
      B.getInt32Ty(),
      fieldAt(B, State, offsetof(struct lineprof_timed_head, timed),
              B.getInt32Ty())));
  B.CreateCondBr(B.CreateICmpEQ(Timed, B.getInt32(LINEPROF_TIMED_HANDED)), Keep,
                 Charge);
}

void guardTimedCalls(const InstrumentedFunction &Done) {
  for (CallInst *Call : Done.Guarded) {
    Call->moveBefore(splitForProbe(Done.Timed, Call, Call->getDebugLoc()));
    if (Call->arg_size() == 2) // an event's: the state and the slot
      keepHandedLine(Call);
  }
}

} // namespace lineprof
