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
// Events that always run the same number of times are counted by one add:
// those of one block, and those of a straight-line chain of blocks (each
// the only successor of the one before and the only predecessor of the
// next), such as a loop's body, its increment and its back edge. Chains
// whose events are of the same lines share one local, whose count goes, at
// the exits, to the counter of each of those lines. Fewer adds per
// iteration, and fewer registers taken from the loop (sieve's nest had
// seven locals, one per line, and spilled).
//
//===----------------------------------------------------------------------===//
#include "LoopHitCounters.h"

#include "EdgeSplit.h"

#include "llvm/ADT/MapVector.h"
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

/// The first block of the straight-line chain in L that BB ends: every
/// block of a chain runs as often as the others.
BasicBlock *chainStart(BasicBlock *BB, const Loop &L) {
  for (unsigned Steps = 0; Steps < 64; Steps++) {
    BasicBlock *Pred = BB->getSinglePredecessor();
    if (!Pred || !L.contains(Pred) || Pred->getSingleSuccessor() != BB ||
        Pred == BB)
      break;
    BB = Pred;
  }
  return BB;
}

/// Rewrites the updates of one loop; see the file comment.
class LoopPromotion {
public:
  LoopPromotion(Function &F, Value *Block, const DebugLoc &Loc)
      : F(F), Block(Block), Loc(Loc) {}
  void run(Loop &L, ArrayRef<HitUpdate> Updates);

private:
  using Slots = std::vector<unsigned>; // a chain's events' slots, sorted
  Function &F;
  Value *Block;
  const DebugLoc &Loc;                       // the probes' (line 0)
  std::map<Slots, AllocaInst *> Local;       // chains of these events

  AllocaInst *localFor(const Slots &Key);
  void flush(Instruction *Before);
};

AllocaInst *LoopPromotion::localFor(const Slots &Key) {
  AllocaInst *&A = Local[Key];
  if (!A) {
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    B.SetCurrentDebugLocation(DebugLoc()); // as LineEvents.cpp's allocas
    A = B.CreateAlloca(B.getInt64Ty(), nullptr, "lineprof.loophits");
    B.CreateStore(B.getInt64(0), A);
  }
  return A;
}

/// block[slot] += each local that counts its events, for each of the
/// loop's slots; then every local = 0.
void LoopPromotion::flush(Instruction *Before) {
  std::map<unsigned, std::vector<AllocaInst *>> Sources;
  for (auto &[Key, A] : Local)
    for (unsigned Slot : Key)
      Sources[Slot].push_back(A);
  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(Loc);
  Type *I64 = B.getInt64Ty();
  for (auto &[Slot, Counts] : Sources) {
    LoadInst *Old = loadCounter(B, Block, Slot);
    Value *Sum = Old;
    for (AllocaInst *A : Counts)
      Sum = B.CreateAdd(Sum, B.CreateLoad(I64, A));
    storeCounter(B, Old, Sum);
  }
  for (auto &[Key, A] : Local)
    B.CreateStore(B.getInt64(0), A);
}

void LoopPromotion::run(Loop &L, ArrayRef<HitUpdate> Updates) {
  // The loop's updates by chain, in the order of Updates.
  MapVector<BasicBlock *, std::vector<const HitUpdate *>> Chains;
  for (const HitUpdate &U : Updates)
    if (L.contains(U.New->getParent()))
      Chains[chainStart(U.New->getParent(), L)].push_back(&U);
  for (auto &[Start, List] : Chains) {
    Slots Key;
    for (const HitUpdate *U : List)
      Key.push_back(U->Slot);
    llvm::sort(Key);
    AllocaInst *A = localFor(Key);
    for (const HitUpdate *U : List) {
      auto *Addr = dyn_cast<Instruction>(U->New->getPointerOperand());
      if (U == List.front()) { // the chain's one add: local += 1
        U->Old->setAtomic(AtomicOrdering::NotAtomic);
        U->Old->setOperand(0, A);
        U->New->setAtomic(AtomicOrdering::NotAtomic);
        U->New->setOperand(1, A);
      } else { // counted by that add already
        auto *Add = cast<Instruction>(U->New->getValueOperand());
        U->New->eraseFromParent();
        Add->eraseFromParent();
        U->Old->eraseFromParent();
      }
      if (Addr && Addr->use_empty())
        Addr->eraseFromParent();
    }
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
