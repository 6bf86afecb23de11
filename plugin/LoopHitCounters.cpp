//===- LoopHitCounters.cpp - Hit counters of call-free loops in registers -===//
//
// See LoopHitCounters.h. A loop qualifies when none of its blocks calls
// anything but intrinsics that return and the exact probes' runtime calls
// (which never read Hits), and each ends in a br, switch, ret or
// unreachable (an indirectbr's or an unwind exit edge could not take the
// flush). Functions that call setjmp are left alone: a
// local changed after setjmp is not reliable after a longjmp. The cost is
// that Hits of a loop run reach the counters when it exits: a thread still
// inside such a loop when the profile is written (another thread exits,
// a fatal signal) loses that loop run's Hits (docs/semantics.md).
//
//===----------------------------------------------------------------------===//
#include "LoopHitCounters.h"

#include "EdgeSplit.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <map>
#include <vector>

using namespace llvm;

namespace lineprof {
namespace {

bool callsNothing(const Loop &L) {
  for (const BasicBlock *BB : L.blocks()) {
    const Instruction *T = BB->getTerminator();
    if (!isa<BranchInst>(T) && !isa<SwitchInst>(T) && !isa<ReturnInst>(T) &&
        !isa<UnreachableInst>(T))
      return false;
    for (const Instruction &I : *BB) {
      const auto *CB = dyn_cast<CallBase>(&I);
      if (!CB)
        continue;
      const Function *Callee = CB->getCalledFunction();
      if (!Callee || CB->doesNotReturn() || CB->isInlineAsm())
        return false;
      if (!Callee->isIntrinsic() &&
          !Callee->getName().startswith("__lineprof_timed_"))
        return false;
    }
  }
  return true;
}

/// Rewrites the updates of one loop; see the file comment.
class LoopPromotion {
public:
  LoopPromotion(Function &F, Value *Block, const DebugLoc &Loc)
      : F(F), Block(Block), Loc(Loc) {}
  void run(Loop &L, ArrayRef<HitUpdate> Updates);

private:
  Function &F;
  Value *Block;
  const DebugLoc &Loc;                  // the probes' (line 0)
  std::map<unsigned, AllocaInst *> Local; // slot -> its count in the loop
  MDNode *NoSanitize = nullptr;           // the updates' nosanitize

  AllocaInst *localFor(unsigned Slot);
  void flush(Instruction *Before);
};

AllocaInst *LoopPromotion::localFor(unsigned Slot) {
  AllocaInst *&A = Local[Slot];
  if (!A) {
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    B.SetCurrentDebugLocation(DebugLoc()); // as LineEvents.cpp's allocas
    A = B.CreateAlloca(B.getInt64Ty(), nullptr, "lineprof.loophits");
    B.CreateStore(B.getInt64(0), A);
  }
  return A;
}

/// block[slot] += local; local = 0, for each of the loop's slots.
void LoopPromotion::flush(Instruction *Before) {
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(Loc);
  for (auto &[Slot, A] : Local) {
    Value *Addr = B.CreateInBoundsGEP(B.getInt64Ty(), Block, B.getInt64(Slot));
    LoadInst *Old = B.CreateAlignedLoad(B.getInt64Ty(), Addr, Align(8));
    Old->setAtomic(AtomicOrdering::Unordered);
    Old->setMetadata("nosanitize", NoSanitize);
    Value *Sum = B.CreateAdd(Old, B.CreateLoad(B.getInt64Ty(), A));
    StoreInst *New = B.CreateAlignedStore(Sum, Addr, Align(8));
    New->setAtomic(AtomicOrdering::Unordered);
    New->setMetadata("nosanitize", NoSanitize);
    B.CreateStore(B.getInt64(0), A);
  }
}

void LoopPromotion::run(Loop &L, ArrayRef<HitUpdate> Updates) {
  for (const HitUpdate &U : Updates) {
    if (!L.contains(U.New->getParent()))
      continue;
    AllocaInst *A = localFor(U.Slot);
    auto *Addr = dyn_cast<Instruction>(U.New->getPointerOperand());
    NoSanitize = U.New->getMetadata("nosanitize");
    U.Old->setAtomic(AtomicOrdering::NotAtomic);
    U.Old->setOperand(0, A);
    U.New->setAtomic(AtomicOrdering::NotAtomic);
    U.New->setOperand(1, A);
    if (Addr && Addr->use_empty())
      Addr->eraseFromParent();
  }
  if (Local.empty())
    return;
  SmallVector<Loop::Edge, 4> Exits;
  L.getExitEdges(Exits);
  for (auto [From, To] : Exits)
    if (is_contained(successors(From), To)) // parallel edges: split once
      flush(splitEdge(const_cast<BasicBlock *>(From),
                      const_cast<BasicBlock *>(To), "",
                      From->getTerminator()->getDebugLoc())
                ->getTerminator());
}

/// The outermost call-free loops of L's nest, L included.
void collect(Loop &L, std::vector<Loop *> &Out) {
  if (callsNothing(L)) {
    Out.push_back(&L);
    return;
  }
  for (Loop *Sub : L.getSubLoops())
    collect(*Sub, Out);
}

} // namespace

void promoteLoopHitCounters(Function &F, Value *Block, const DebugLoc &Loc,
                            ArrayRef<HitUpdate> Updates) {
  if (Updates.empty() || F.callsFunctionThatReturnsTwice())
    return;
  DominatorTree DT(F);
  LoopInfo LI(DT);
  std::vector<Loop *> Loops;
  for (Loop *L : LI)
    collect(*L, Loops);
  // The loops are disjoint: splitting one's exit edges adds blocks outside
  // it and changes only its own exiting blocks, so the others stay valid.
  for (Loop *L : Loops)
    LoopPromotion(F, Block, Loc).run(*L, Updates);
}

} // namespace lineprof
