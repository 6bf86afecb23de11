//===- LineEvents.cpp - Where a function's line events happen ------------===//
//
// A line event happens (docs/semantics.md) when control enters a line other
// than the one the call is on, and when it jumps backward to a line, but a
// loop iteration re-entering its header line counts once however many
// blocks of that line it passes through.
//
// Each call keeps the slot of its current line in a local, `cur`; the bit
// LINEPROF_STALE_BIT on it means "this line was entered before the loop
// header was last passed". Three kinds of probe sites follow from the rule:
//
//  * line sites: the first instruction of each run of one line inside a
//    block. An event fires when (cur & ~STALE) != slot. At a loop header's
//    first site, cur becomes slot|STALE afterwards, event or not.
//  * back-edge sites: on each retreating CFG edge into a loop header whose
//    first line is `slot`. An event fires when cur == slot|STALE, i.e. the
//    whole iteration stayed on the header's line (one-line loops).
//  * return sites: the time since the last event goes to the current line.
//
// What an event does depends on the version (LineEvents.h, rt_abi.h). The
// hits-only and sampled versions count hits in per-call locals, which the
// optimiser keeps in registers, and add them to the thread's block before
// every call that may not return and at every return (a forward "dirty"
// analysis flushes only the counters changed since the last flush). The
// sampled version also keeps the call's frame on the thread's shadow stack
// up to date. The detailed version reads the cycle counter at every event,
// subtracting the runtime's calibrated cost of each clock read made since
// the call's previous one (callees' reads included), and, when the runtime
// asks for memory, calls __lineprof_mem_line (and _enter, _leave) with the
// per-call state `mem`, then restarts the clock so that the runtime's work
// is charged to no line.
//
// A forward data-flow analysis tracks what is known about `cur` at every
// site, so most sites are decided at compile time; the rest test `cur` at
// run time. The locals are plain allocas that SROA turns into registers.
//
//===----------------------------------------------------------------------===//
#include "LineEvents.h"

#include "rt_abi.h"

#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <cstddef>
#include <map>
#include <vector>

using namespace llvm;

namespace lineprof {
namespace {

/// What the analysis knows about `cur` at a point.
struct CurState {
  static constexpr int64_t Undefined = -2, Unknown = -1;
  int64_t Line = Undefined;  ///< slot, Unknown, or Undefined (unreachable)
  int64_t Stale = Undefined; ///< 0, 1, Unknown or Undefined

  bool operator==(const CurState &O) const {
    return Line == O.Line && Stale == O.Stale;
  }
  bool operator!=(const CurState &O) const { return !(*this == O); }
};

int64_t meetValue(int64_t A, int64_t B) {
  if (A == CurState::Undefined)
    return B;
  if (B == CurState::Undefined)
    return A;
  return A == B ? A : CurState::Unknown;
}

CurState meet(const CurState &A, const CurState &B) {
  return {meetValue(A.Line, B.Line), meetValue(A.Stale, B.Stale)};
}

enum class Decision { Unreachable, Fire, NoFire, Dynamic };

struct LineSite {
  Instruction *At;
  unsigned Slot;
  bool Header = false; ///< first site of a loop header
  Decision D = Decision::Unreachable;
  CurState In;
};

struct EdgeSite {
  BasicBlock *From, *To;
  unsigned Slot; ///< first line slot of the header To
  Decision D = Decision::Unreachable;
  CurState In;
};

Decision decideLineSite(const LineSite &S, const CurState &In) {
  if (In.Line == CurState::Undefined)
    return Decision::Unreachable;
  if (In.Line == CurState::Unknown)
    return Decision::Dynamic;
  return In.Line != S.Slot ? Decision::Fire : Decision::NoFire;
}

CurState afterLineSite(const LineSite &S, Decision D, const CurState &In) {
  if (S.Header)
    return {int64_t(S.Slot), 1};
  switch (D) {
  case Decision::Fire:
    return {int64_t(S.Slot), 0};
  case Decision::Dynamic:
    return {int64_t(S.Slot),
            In.Line == S.Slot && In.Stale == 0 ? 0 : CurState::Unknown};
  default:
    return In;
  }
}

Decision decideEdgeSite(const EdgeSite &E, const CurState &In) {
  if (In.Line == CurState::Undefined)
    return Decision::Unreachable;
  if (In.Line == CurState::Unknown || In.Stale == CurState::Unknown)
    return In.Line != CurState::Unknown && In.Line != E.Slot ? Decision::NoFire
                                                             : Decision::Dynamic;
  return In.Line == E.Slot && In.Stale == 1 ? Decision::Fire : Decision::NoFire;
}

CurState afterEdgeSite(const EdgeSite &E, Decision D, const CurState &In) {
  if (D == Decision::Fire)
    return {int64_t(E.Slot), 0};
  if (D == Decision::Dynamic)
    return {In.Line == E.Slot ? int64_t(E.Slot) : CurState::Unknown,
            CurState::Unknown};
  return In;
}

/// Instruments one function; see the file comment.
class FunctionProbes {
public:
  FunctionProbes(Function &F, const DenseMap<Instruction *, unsigned> &Slot,
                 const ProbeContext &Ctx, ProbeVersion Version, unsigned Index)
      : F(F), Slot(Slot), Ctx(Ctx), Version(Version), Index(Index),
        C(F.getContext()), I32(Type::getInt32Ty(C)),
        I64(Type::getInt64Ty(C)), I8(Type::getInt8Ty(C)) {}

  void run();

private:
  Function &F;
  const DenseMap<Instruction *, unsigned> &Slot;
  const ProbeContext &Ctx;
  ProbeVersion Version;
  unsigned Index; // F's entry in the module's function table
  LLVMContext &C;
  Type *I32, *I64, *I8;
  DebugLoc ProbeLoc; // line 0: probes belong to no source line

  std::map<BasicBlock *, std::vector<LineSite>> Sites;
  std::vector<EdgeSite> Edges;
  std::map<BasicBlock *, std::vector<EdgeSite *>> EdgesInto;

  // Per-call locals and values made by the prologue.
  AllocaInst *Cur = nullptr, *Last = nullptr;
  AllocaInst *ReadsLast = nullptr; // the thread's clock reads at `last`
  Value *Mem = nullptr; // the call's memory state, as a u64 pointer
  Value *Block = nullptr, *Timing = nullptr, *Memory = nullptr;
  Value *ProbeCycles = nullptr;          // detailed: cost of a clock read
  Value *Depth = nullptr, *Frame = nullptr; // sampled: shadow stack

  // Hits kept in locals: one per slot, and the stores that increment them.
  std::map<unsigned, AllocaInst *> HitLocals;
  DenseMap<Instruction *, unsigned> HitIncrements;

  bool localHits() const {
    return Version == ProbeVersion::HitsOnly ||
           Version == ProbeVersion::Sampled;
  }

  void collectLineSites();
  void findLoopHeaders();
  void solve();
  void emitPrologue();
  void emitLineSite(LineSite &S);
  void emitEdgeSite(EdgeSite &E);
  void emitReturnSites();
  void keepLocalsAcrossLongjmp();
  AllocaInst *entryLocal(Type *Ty, const Twine &Name);
  void countHit(IRBuilder<> &B, unsigned SlotIndex);
  void emitHitFlushes();
  void flushHits(Instruction *Before, const BitVector &Dirty,
                 const std::vector<unsigned> &Slots);
  Value *stackField(IRBuilder<> &B, Value *Base, size_t Offset, Type *Ty);
  void emitShadowPush(IRBuilder<> &B);
  void emitShadowPops();
  void storeVolatile(IRBuilder<> &B, Value *V, Value *Addr);
  std::pair<Value *, Value *> readClock(IRBuilder<> &B);
  void restartClock(IRBuilder<> &B);
  void emitEvent(Instruction *Before, unsigned Slot, const CurState &In);
  void emitTimeCharge(Instruction *Before, const CurState &In,
                      bool Leaving = false);
  void emitMemoryCall(IRBuilder<> &B, StringRef Name, ArrayRef<Value *> Args,
                      ArrayRef<Type *> Types);
  void emitMemoryPrologue(Instruction *Before);
  Instruction *timerCodePoint(Instruction *Before);
  Value *dynamicFires(IRBuilder<> &B, unsigned Slot, bool OnBackEdge);
  Instruction *markNoSanitize(Instruction *I);
  BasicBlock *splitEdge(BasicBlock *From, BasicBlock *To);
  Value *counterAddress(IRBuilder<> &B, Value *Index);
  void addToCounter(IRBuilder<> &B, Value *Index, Value *Amount);
};

void FunctionProbes::collectLineSites() {
  for (BasicBlock &BB : F) {
    auto &List = Sites[&BB];
    for (Instruction &I : BB) {
      auto It = Slot.find(&I);
      if (It == Slot.end())
        continue;
      if (List.empty() || List.back().Slot != It->second)
        List.push_back(LineSite{&I, It->second, false, Decision::Unreachable, {}});
    }
  }
}

/// Marks the first line site of every block a retreating edge enters (found
/// by depth-first search), and records those edges as back-edge sites.
void FunctionProbes::findLoopHeaders() {
  SmallPtrSet<BasicBlock *, 32> Visited, OnStack;
  std::vector<std::pair<BasicBlock *, succ_iterator>> Stack;
  std::vector<std::pair<BasicBlock *, BasicBlock *>> Retreating;
  BasicBlock *Entry = &F.getEntryBlock();
  Visited.insert(Entry);
  OnStack.insert(Entry);
  Stack.push_back({Entry, succ_begin(Entry)});
  while (!Stack.empty()) {
    auto &[BB, It] = Stack.back();
    if (It == succ_end(BB)) {
      OnStack.erase(BB);
      Stack.pop_back();
      continue;
    }
    BasicBlock *Succ = *It++;
    if (OnStack.count(Succ))
      Retreating.push_back({BB, Succ});
    else if (Visited.insert(Succ).second) {
      OnStack.insert(Succ);
      Stack.push_back({Succ, succ_begin(Succ)});
    }
  }
  for (auto &[From, To] : Retreating) {
    // An indirectbr/callbr target cannot be redirected to a probe block;
    // such back edges (computed-goto dispatch) get no back-edge site.
    if (isa<IndirectBrInst>(From->getTerminator()) ||
        isa<CallBrInst>(From->getTerminator()))
      continue;
    // A header without lines of its own (`for (;;)`): its line is the
    // first one reached through blocks that merely branch on.
    BasicBlock *H = To;
    for (int Hop = 0; H && Sites[H].empty() && Hop < 8; ++Hop)
      H = H->getSingleSuccessor();
    if (!H || Sites[H].empty())
      continue;
    LineSite &First = Sites[H].front();
    First.Header = true;
    Edges.push_back(EdgeSite{From, To, First.Slot, Decision::Unreachable, {}});
  }
  for (EdgeSite &E : Edges)
    EdgesInto[E.To].push_back(&E);
}

/// Forward data flow over `cur` to a fixed point, recording each site's
/// decision.
void FunctionProbes::solve() {
  ReversePostOrderTraversal<Function *> RPOT(&F);
  std::map<BasicBlock *, CurState> Out;
  auto EdgeOut = [&](BasicBlock *From, BasicBlock *To) {
    CurState S = Out[From];
    for (EdgeSite *E : EdgesInto[To])
      if (E->From == From) {
        E->In = S;
        E->D = decideEdgeSite(*E, S);
        S = afterEdgeSite(*E, E->D, S);
      }
    return S;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock *BB : RPOT) {
      CurState S;
      if (BB == &F.getEntryBlock())
        S = {int64_t(Ctx.ModuleSlots), 0}; // no line yet: the sink slot
      for (BasicBlock *P : predecessors(BB))
        S = meet(S, EdgeOut(P, BB));
      for (LineSite &L : Sites[BB]) {
        L.In = S;
        L.D = decideLineSite(L, S);
        S = afterLineSite(L, L.D, S);
      }
      if (Out[BB] != S) {
        Out[BB] = S;
        Changed = true;
      }
    }
  }
}

Instruction *FunctionProbes::markNoSanitize(Instruction *I) {
  I->setMetadata(F.getParent()->getMDKindID("nosanitize"), MDNode::get(C, {}));
  return I;
}

Value *FunctionProbes::counterAddress(IRBuilder<> &B, Value *Index) {
  return B.CreateInBoundsGEP(I64, Block, Index);
}

void FunctionProbes::addToCounter(IRBuilder<> &B, Value *Index, Value *Amount) {
  Value *Addr = counterAddress(B, Index);
  Value *Old = markNoSanitize(B.CreateLoad(I64, Addr));
  markNoSanitize(B.CreateStore(B.CreateAdd(Old, Amount), Addr));
}

/// Where code that reads the clock goes, for code that would go before
/// Before: nowhere, right there, or in a block run only when the timer is on.
Instruction *FunctionProbes::timerCodePoint(Instruction *Before) {
  switch (Version) {
  case ProbeVersion::HitsOnly:
  case ProbeVersion::Sampled:
    return nullptr;
  case ProbeVersion::Detailed:
    return Before;
  case ProbeVersion::Adaptive:
    break;
  }
  return SplitBlockAndInsertIfThen(Timing, Before, /*Unreachable=*/false);
}

/// The call's clock starts again now: `last` and the reads at it.
void FunctionProbes::restartClock(IRBuilder<> &B) {
  auto [Now, Reads] = readClock(B);
  B.CreateStore(Now, Last);
  B.CreateStore(Reads, ReadsLast);
}

/// Reads the cycle counter and counts the read in the thread's shadow
/// stack; returns the time and the thread's reads so far.
std::pair<Value *, Value *> FunctionProbes::readClock(IRBuilder<> &B) {
  Value *Now = B.CreateIntrinsic(Intrinsic::readcyclecounter, {}, {});
  Value *Addr = stackField(B, Ctx.Stack,
                           offsetof(struct lineprof_stack, clock_reads), I64);
  Value *Reads = B.CreateAdd(markNoSanitize(B.CreateLoad(I64, Addr)),
                             ConstantInt::get(I64, 1));
  markNoSanitize(B.CreateStore(Reads, Addr));
  return {Now, Reads};
}

/// A call of the runtime's __lineprof_mem_* function Name, run only when
/// the memory bit was set at the call's entry; B is left after it.
void FunctionProbes::emitMemoryCall(IRBuilder<> &B, StringRef Name,
                                    ArrayRef<Value *> Args,
                                    ArrayRef<Type *> Types) {
  Instruction *Then = SplitBlockAndInsertIfThen(
      Memory, &*B.GetInsertPoint(), /*Unreachable=*/false);
  Instruction *After = Then->getSuccessor(0)->getFirstNonPHI();
  B.SetInsertPoint(Then);
  B.SetCurrentDebugLocation(ProbeLoc);
  FunctionCallee Fn = F.getParent()->getOrInsertFunction(
      Name, FunctionType::get(Type::getVoidTy(C), Types, false));
  B.CreateCall(Fn, Args);
  // Restart the clock: the runtime's memory work belongs to no line.
  restartClock(B);
  B.SetInsertPoint(After);
  B.SetCurrentDebugLocation(ProbeLoc);
}

/// Charges the time since the last event to the current line (and its
/// memory, when asked for) in the detailed version, and restarts the clock.
void FunctionProbes::emitTimeCharge(Instruction *Before, const CurState &In,
                                    bool Leaving) {
  Instruction *At = timerCodePoint(Before);
  if (!At)
    return;
  IRBuilder<> B(At);
  B.SetCurrentDebugLocation(ProbeLoc);
  auto [Now, Reads] = readClock(B);
  Value *Line;
  if (In.Line >= 0)
    Line = ConstantInt::get(I32, In.Line);
  else
    Line = B.CreateAnd(B.CreateLoad(I32, Cur), ~LINEPROF_STALE_BIT);
  Value *Index = B.CreateAdd(B.CreateZExt(Line, I64),
                             ConstantInt::get(I64, Ctx.ModuleSlots + 1));
  // The probes' own cost: this read's and every read since `last`.
  Value *Elapsed = B.CreateSub(Now, B.CreateLoad(I64, Last));
  Value *Cost = B.CreateMul(
      ProbeCycles, B.CreateSub(Reads, B.CreateLoad(I64, ReadsLast)));
  Value *Charged = B.CreateSelect(B.CreateICmpUGT(Elapsed, Cost),
                                  B.CreateSub(Elapsed, Cost),
                                  ConstantInt::get(I64, 0));
  addToCounter(B, Index, Charged);
  B.CreateStore(Now, Last);
  B.CreateStore(Reads, ReadsLast);
  Type *Ptr = I64->getPointerTo();
  emitMemoryCall(B, Leaving ? "__lineprof_mem_leave" : "__lineprof_mem_line",
                 {Block, Line, Mem}, {Ptr, I32, Ptr});
}

/// One line event for Slot before `Before`: time to the old line, a hit to
/// the new one.
void FunctionProbes::emitEvent(Instruction *Before, unsigned SlotIndex,
                               const CurState &In) {
  // The call's first event ends time that would go to the sink slot: no
  // need to read the clock, the prologue just did.
  if (In.Line != int64_t(Ctx.ModuleSlots))
    emitTimeCharge(Before, In);
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(ProbeLoc);
  countHit(B, SlotIndex);
  B.CreateStore(ConstantInt::get(I32, SlotIndex), Cur);
  if (Frame)
    storeVolatile(B, ConstantInt::get(I32, SlotIndex),
                  stackField(B, Frame, offsetof(struct lineprof_frame, slot),
                             I32));
}

/// A per-call local of F, at the top of its entry block.
AllocaInst *FunctionProbes::entryLocal(Type *Ty, const Twine &Name) {
  BasicBlock &Entry = F.getEntryBlock();
  return new AllocaInst(Ty, F.getParent()->getDataLayout().getAllocaAddrSpace(),
                        Name, &*Entry.begin());
}

/// One more hit for SlotIndex: in the thread's block, or in the call's
/// local for it (zeroed at entry; emitHitFlushes adds it to the block).
void FunctionProbes::countHit(IRBuilder<> &B, unsigned SlotIndex) {
  if (!localHits()) {
    addToCounter(B, ConstantInt::get(I64, SlotIndex), ConstantInt::get(I64, 1));
    return;
  }
  AllocaInst *&Local = HitLocals[SlotIndex];
  if (!Local)
    Local = entryLocal(I64, "lineprof.hits");
  Value *New = B.CreateAdd(B.CreateLoad(I64, Local), ConstantInt::get(I64, 1));
  HitIncrements[B.CreateStore(New, Local)] = SlotIndex;
}

/// Where code that must run at return R goes: before R, or before the
/// musttail call R returns (nothing may separate the two).
static Instruction *beforeReturn(ReturnInst *R) {
  if (auto *Call = dyn_cast_or_null<CallInst>(R->getPrevNode()))
    if (Call->isMustTailCall())
      return Call;
  return R;
}

/// Whether control may leave the call at I without coming back through
/// it, or other code may read the counters meanwhile: a return, or a call
/// that is not known to return (exit, longjmp, fork, a callee that dumps
/// the profile...). Intrinsics and `willreturn` functions are not.
static bool isHitFlushPoint(const Instruction &I) {
  if (isa<ReturnInst>(I))
    return true;
  const auto *Call = dyn_cast<CallBase>(&I);
  if (!Call || isa<IntrinsicInst>(Call) || Call->isInlineAsm())
    return false;
  return !Call->hasFnAttr(Attribute::WillReturn);
}

/// Adds the dirty locals to the thread's block before Before and zeroes
/// them.
void FunctionProbes::flushHits(Instruction *Before, const BitVector &Dirty,
                               const std::vector<unsigned> &Slots) {
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(ProbeLoc);
  for (unsigned K : Dirty.set_bits()) {
    AllocaInst *Local = HitLocals[Slots[K]];
    Value *Addr = counterAddress(B, ConstantInt::get(I64, Slots[K]));
    // Unordered atomics: one `add` to memory each, never merged into a
    // vector operation that would load back two counters just stored one
    // by one (a store-forwarding stall on every call of a recursion).
    LoadInst *Old = B.CreateLoad(I64, Addr);
    Old->setAtomic(AtomicOrdering::Unordered);
    Old->setAlignment(Align(8));
    StoreInst *New = B.CreateStore(B.CreateAdd(Old, B.CreateLoad(I64, Local)),
                                   Addr);
    New->setAtomic(AtomicOrdering::Unordered);
    New->setAlignment(Align(8));
    markNoSanitize(Old);
    markNoSanitize(New);
    B.CreateStore(ConstantInt::get(I64, 0), Local);
  }
}

/// Flushes, at every flush point, the hit locals that an increment since
/// the last flush point may have changed (a forward may-analysis).
void FunctionProbes::emitHitFlushes() {
  std::vector<unsigned> Slots;
  std::map<unsigned, unsigned> Bit;
  for (auto &[SlotIndex, Local] : HitLocals) {
    Bit[SlotIndex] = Slots.size();
    Slots.push_back(SlotIndex);
  }
  // A return block reached by plain branches (clang's single `return`
  // block) gets its predecessors' counters flushed at their ends, so that
  // each path flushes only what it changed.
  SmallPtrSet<Instruction *, 8> EarlyFlushes;
  for (BasicBlock &BB : F)
    if (isa<ReturnInst>(BB.getTerminator()) && !BB.hasNPredecessors(0) &&
        all_of(predecessors(&BB), [&](BasicBlock *P) {
          return P->getSingleSuccessor() == &BB;
        }))
      for (BasicBlock *P : predecessors(&BB))
        EarlyFlushes.insert(P->getTerminator());
  // Runs I's effect on Dirty; At, when given, is told of each flush point.
  auto Step = [&](Instruction &I, BitVector &Dirty, auto &&At) {
    auto It = HitIncrements.find(&I);
    if (It != HitIncrements.end())
      Dirty.set(Bit[It->second]);
    else if (isHitFlushPoint(I) || EarlyFlushes.count(&I)) {
      At(&I, Dirty);
      Dirty.reset();
    }
  };
  auto Ignore = [](Instruction *, const BitVector &) {};
  std::map<BasicBlock *, BitVector> Out;
  ReversePostOrderTraversal<Function *> RPOT(&F);
  auto In = [&](BasicBlock *BB) {
    BitVector Dirty(Slots.size());
    for (BasicBlock *P : predecessors(BB))
      if (Out.count(P))
        Dirty |= Out[P];
    return Dirty;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock *BB : RPOT) {
      BitVector Dirty = In(BB);
      for (Instruction &I : *BB)
        Step(I, Dirty, Ignore);
      auto [It, New] = Out.try_emplace(BB, Dirty);
      if (!New && It->second != Dirty) {
        It->second = Dirty;
        Changed = true;
      } else if (New)
        Changed = true;
    }
  }
  std::vector<std::pair<Instruction *, BitVector>> Flushes;
  for (BasicBlock *BB : RPOT) {
    BitVector Dirty = In(BB);
    for (Instruction &I : *BB)
      Step(I, Dirty, [&](Instruction *At, const BitVector &D) {
        if (D.any())
          Flushes.push_back({At, D});
      });
  }
  for (auto &[At, Dirty] : Flushes) {
    auto *R = dyn_cast<ReturnInst>(At);
    flushHits(R ? beforeReturn(R) : At, Dirty, Slots);
  }
  // Zero the locals at entry, after the allocas.
  BasicBlock::iterator IP = F.getEntryBlock().getFirstInsertionPt();
  while (isa<AllocaInst>(*IP))
    ++IP;
  IRBuilder<> B(&F.getEntryBlock(), IP);
  B.SetCurrentDebugLocation(ProbeLoc);
  for (auto &[SlotIndex, Local] : HitLocals)
    B.CreateStore(ConstantInt::get(I64, 0), Local);
}

/// Address of the field at Offset bytes into the shadow stack or a frame.
Value *FunctionProbes::stackField(IRBuilder<> &B, Value *Base, size_t Offset,
                                  Type *Ty) {
  Value *Bytes = B.CreateBitCast(Base, I8->getPointerTo());
  Value *At = B.CreateConstInBoundsGEP1_64(I8, Bytes, Offset);
  return B.CreateBitCast(At, Ty->getPointerTo());
}

void FunctionProbes::storeVolatile(IRBuilder<> &B, Value *V, Value *Addr) {
  markNoSanitize(B.CreateStore(V, Addr, /*isVolatile=*/true));
}

/// Sampled version: takes frame min(depth, LINEPROF_STACK_FRAMES) of the
/// thread's shadow stack, pointing it at this module's cycles array.
void FunctionProbes::emitShadowPush(IRBuilder<> &B) {
  Value *DepthAddr = stackField(
      B, Ctx.Stack, offsetof(struct lineprof_stack, depth), I32);
  Depth = markNoSanitize(B.CreateLoad(I32, DepthAddr, /*isVolatile=*/true));
  storeVolatile(B, B.CreateAdd(Depth, B.getInt32(1)), DepthAddr);
  Value *Top = B.getInt32(LINEPROF_STACK_FRAMES);
  Value *FrameIndex = B.CreateZExt(
      B.CreateSelect(B.CreateICmpULT(Depth, Top), Depth, Top), I64);
  Value *Offset = B.CreateAdd(
      ConstantInt::get(I64, offsetof(struct lineprof_stack, frames)),
      B.CreateMul(FrameIndex,
                  ConstantInt::get(I64, sizeof(struct lineprof_frame))));
  Frame = B.CreateInBoundsGEP(
      I8, B.CreateBitCast(Ctx.Stack, I8->getPointerTo()), Offset);
  Value *Cycles = B.CreateInBoundsGEP(
      I64, Block, ConstantInt::get(I64, Ctx.ModuleSlots + 1));
  Type *Ptr = I64->getPointerTo();
  storeVolatile(B, Cycles,
                stackField(B, Frame, offsetof(struct lineprof_frame, cycles),
                           Ptr));
  storeVolatile(B, B.getInt32(Ctx.ModuleSlots),
                stackField(B, Frame, offsetof(struct lineprof_frame, slot),
                           I32));
}

/// Sampled version: depth back to the caller's at every return, and to
/// this call's after each return of setjmp (a longjmp skips returns).
void FunctionProbes::emitShadowPops() {
  std::vector<std::pair<Instruction *, Value *>> Stores;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      if (auto *R = dyn_cast<ReturnInst>(&I))
        Stores.push_back({beforeReturn(R), Depth});
      else if (auto *Call = dyn_cast<CallInst>(&I)) {
        if (Call->hasFnAttr(Attribute::ReturnsTwice))
          Stores.push_back({Call->getNextNode(), nullptr});
      }
  for (auto &[Before, Value] : Stores) {
    IRBuilder<> B(Before);
    B.SetCurrentDebugLocation(ProbeLoc);
    storeVolatile(B, Value ? Value : B.CreateAdd(Depth, B.getInt32(1)),
                  stackField(B, Ctx.Stack,
                             offsetof(struct lineprof_stack, depth), I32));
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

void FunctionProbes::emitLineSite(LineSite &S) {
  if (S.D == Decision::Unreachable)
    return;
  if (S.D == Decision::Fire)
    emitEvent(S.At, S.Slot, S.In);
  else if (S.D == Decision::Dynamic) {
    IRBuilder<> B(S.At);
    B.SetCurrentDebugLocation(ProbeLoc);
    Value *Fires = dynamicFires(B, S.Slot, false);
    Instruction *Then = SplitBlockAndInsertIfThen(Fires, S.At, false);
    emitEvent(Then, S.Slot, CurState{});
  }
  if (S.Header) {
    IRBuilder<> B(S.At);
    B.CreateStore(ConstantInt::get(I32, S.Slot | LINEPROF_STALE_BIT), Cur);
  }
}

/// Puts a block on the edge From->To (all of its parallel edges) and
/// returns it.
BasicBlock *FunctionProbes::splitEdge(BasicBlock *From, BasicBlock *To) {
  BasicBlock *Mid = BasicBlock::Create(C, "lineprof.backedge", &F, To);
  BranchInst::Create(To, Mid)->setDebugLoc(ProbeLoc);
  From->getTerminator()->replaceSuccessorWith(To, Mid);
  To->replacePhiUsesWith(From, Mid);
  return Mid;
}

void FunctionProbes::emitEdgeSite(EdgeSite &E) {
  if (E.D != Decision::Fire && E.D != Decision::Dynamic)
    return;
  BasicBlock *Mid = splitEdge(E.From, E.To);
  Instruction *At = Mid->getTerminator();
  if (E.D == Decision::Dynamic) {
    IRBuilder<> B(At);
    B.SetCurrentDebugLocation(ProbeLoc);
    At = SplitBlockAndInsertIfThen(dynamicFires(B, E.Slot, true), At,
                                   false);
  }
  emitEvent(At, E.Slot, E.D == Decision::Fire ? E.In : CurState{});
}

void FunctionProbes::emitReturnSites() {
  std::vector<ReturnInst *> Returns;
  for (BasicBlock &BB : F)
    if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
      Returns.push_back(R);
  for (ReturnInst *R : Returns)
    emitTimeCharge(beforeReturn(R), CurState{}, /*Leaving=*/true);
}

/// In a function that calls setjmp, longjmp must find `cur` and `last` as
/// the call last set them, like any C local changed after setjmp: volatile
/// keeps them in memory. (As registers they would roll back to their values
/// at setjmp, and the time since setjmp would be counted a second time.)
void FunctionProbes::keepLocalsAcrossLongjmp() {
  if (!F.callsFunctionThatReturnsTwice())
    return;
  std::vector<AllocaInst *> Locals = {Cur, Last, ReadsLast};
  for (auto &[SlotIndex, Local] : HitLocals)
    Locals.push_back(Local);
  for (AllocaInst *Local : Locals)
    for (User *U : Local->users())
      if (auto *Load = dyn_cast<LoadInst>(U))
        Load->setVolatile(true);
      else if (auto *Store = dyn_cast<StoreInst>(U))
        Store->setVolatile(true);
}

/// Locals `cur` and `last`, the thread's counter block, the timer flag.
void FunctionProbes::emitPrologue() {
  BasicBlock &Entry = F.getEntryBlock();
  IRBuilder<> B(&Entry, Entry.begin());
  B.SetCurrentDebugLocation(ProbeLoc);
  Cur = B.CreateAlloca(I32, nullptr, "lineprof.cur");
  Last = B.CreateAlloca(I64, nullptr, "lineprof.last");
  ReadsLast = B.CreateAlloca(I64, nullptr, "lineprof.reads");
  bool Detailed = !localHits();
  if (Detailed)
    Mem = B.CreateBitCast(
        B.CreateAlloca(ArrayType::get(I64, LINEPROF_MEM_CALL_WORDS), nullptr,
                       "lineprof.mem"),
        I64->getPointerTo());

  BasicBlock::iterator IP = Entry.getFirstInsertionPt();
  while (isa<AllocaInst>(*IP) || &*IP == Mem)
    ++IP;
  B.SetInsertPoint(&Entry, IP);
  if (Detailed) {
    Value *Detail = B.CreateLoad(I32, Ctx.Detail);
    ProbeCycles = B.CreateLoad(I64, Ctx.ProbeCycles, "lineprof.probe_cycles");
    if (Version == ProbeVersion::Adaptive)
      Timing = B.CreateICmpNE(Detail, B.getInt32(0), "lineprof.timing");
    Memory = B.CreateICmpNE(
        B.CreateAnd(Detail, B.getInt32(LINEPROF_DETAIL_MEMORY)), B.getInt32(0),
        "lineprof.memory");
  }
  B.CreateStore(B.getInt32(Ctx.ModuleSlots), Cur);
  Type *BlockPtr = I64->getPointerTo();
  LoadInst *Cached = B.CreateLoad(BlockPtr, Ctx.ThreadTls, "lineprof.cached");
  Instruction *Rest = &*B.GetInsertPoint();
  Instruction *Slow = SplitBlockAndInsertIfThen(B.CreateIsNull(Cached), Rest,
                                                false);
  B.SetInsertPoint(Slow);
  FunctionCallee Get = F.getParent()->getOrInsertFunction(
      "__lineprof_thread_block",
      FunctionType::get(BlockPtr,
                        {Ctx.Module->getType(), Ctx.ThreadTls->getType()},
                        false));
  Value *Fresh = B.CreateCall(Get, {Ctx.Module, Ctx.ThreadTls});
  B.SetInsertPoint(Rest);
  PHINode *Phi = B.CreatePHI(BlockPtr, 2, "lineprof.block");
  Phi->addIncoming(Cached, Cached->getParent());
  Phi->addIncoming(Fresh, Slow->getParent());
  Block = Phi;

  if (Version == ProbeVersion::Sampled) {
    B.SetInsertPoint(Rest);
    B.SetCurrentDebugLocation(ProbeLoc);
    emitShadowPush(B);
  }
  if (Instruction *At = timerCodePoint(Rest)) {
    B.SetInsertPoint(At);
    B.SetCurrentDebugLocation(ProbeLoc);
    restartClock(B);
    emitMemoryPrologue(&*B.GetInsertPoint());
  }
}

/// The call's memory state starts from the thread's figures now.
void FunctionProbes::emitMemoryPrologue(Instruction *Before) {
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(ProbeLoc);
  Type *Ptr = I64->getPointerTo();
  emitMemoryCall(B, "__lineprof_mem_enter",
                 {Ctx.Module, B.getInt32(Index), Mem},
                 {Ctx.Module->getType(), I32, Ptr});
}

void FunctionProbes::run() {
  if (DISubprogram *SP = F.getSubprogram())
    ProbeLoc = DILocation::get(C, 0, 0, SP);
  emitPrologue(); // first: it splits the entry block
  collectLineSites();
  findLoopHeaders();
  solve();
  // Edge sites before line sites: splitting a block at a line site would
  // move the back edge's branch away from the block the edge names.
  for (EdgeSite &E : Edges)
    emitEdgeSite(E);
  for (auto &[BB, List] : Sites)
    for (LineSite &S : List)
      emitLineSite(S);
  emitReturnSites();
  if (Frame)
    emitShadowPops();
  if (localHits())
    emitHitFlushes();
  keepLocalsAcrossLongjmp();
}

} // namespace

void instrumentLineEvents(Function &F,
                          const DenseMap<Instruction *, unsigned> &Slot,
                          const ProbeContext &Ctx, ProbeVersion Version,
                          unsigned FunctionIndex) {
  FunctionProbes(F, Slot, Ctx, Version, FunctionIndex).run();
}

} // namespace lineprof
