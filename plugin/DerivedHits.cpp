//===- DerivedHits.cpp - Line hits computed from other lines' hits --------===//
//
// See DerivedHits.h. Why the sum is exact: the update U of slot a is the
// slot's only one, and nothing after it in its block A can leave the block
// (the fault of the caveat aside), so A's branch runs once per run of U; a
// successor S whose only predecessor is A is entered only by that branch,
// and nothing before its first update can leave it, so that update runs
// once per entry. A copy is exact for the same reason: both updates are
// their slots' only ones, in one block, with nothing between that can
// leave it. Slots derived from are kept counted: no chains.
//
//===----------------------------------------------------------------------===//
#include "DerivedHits.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

static cl::opt<bool> ClDerivedHits(
    "lineprof-derived-hits",
    cl::desc("lineprof: derive the hits of a line before a two-way branch "
             "from its two ways' (off: count every line, as tests/"
             "csmith_diff.sh's `counted` mode does to check the derivation)"),
    cl::Hidden, cl::init(true));

namespace lineprof {
namespace {

class Deriver {
public:
  explicit Deriver(std::vector<HitUpdate> &Updates);
  std::vector<DerivedHit> run();

private:
  std::vector<HitUpdate> &Updates;
  DenseMap<unsigned, unsigned> UpdatesOfSlot;
  DenseMap<const LoadInst *, const HitUpdate *> UpdateOfLoad;
  DenseSet<unsigned> Counted, Derived; ///< slots derived from, and derived

  bool onlyUpdate(const HitUpdate &U) const {
    return UpdatesOfSlot.lookup(U.Slot) == 1;
  }
  const HitUpdate *firstUpdate(const BasicBlock &BB) const;
  const BranchInst *branchAfter(const HitUpdate &U) const;
  bool derive(const HitUpdate &U, std::vector<DerivedHit> &Out);
  void deriveCopies(const BasicBlock &BB, std::vector<DerivedHit> &Out);
};

Deriver::Deriver(std::vector<HitUpdate> &Updates) : Updates(Updates) {
  for (const HitUpdate &U : Updates) {
    ++UpdatesOfSlot[U.Slot];
    UpdateOfLoad[U.Old] = &U;
  }
}

/// The update BB runs on every entry, first of its updates, when nothing
/// before it can leave BB.
const HitUpdate *Deriver::firstUpdate(const BasicBlock &BB) const {
  for (const Instruction &I : BB) {
    if (const auto *L = dyn_cast<LoadInst>(&I))
      if (const HitUpdate *U = UpdateOfLoad.lookup(L))
        return U;
    if (I.isTerminator() || mayStopAt(I))
      return nullptr;
  }
  return nullptr;
}

/// The two-way branch that ends U's block, if U's every run reaches it.
const BranchInst *Deriver::branchAfter(const HitUpdate &U) const {
  for (const Instruction *I = U.New->getNextNode(); !I->isTerminator();
       I = I->getNextNode())
    if (mayStopAt(*I))
      return nullptr;
  const auto *Br = dyn_cast<BranchInst>(U.New->getParent()->getTerminator());
  if (!Br || !Br->isConditional() || Br->getSuccessor(0) == Br->getSuccessor(1))
    return nullptr;
  return Br;
}

/// Whether U's slot is its branch's two ways together (then Out has it).
bool Deriver::derive(const HitUpdate &U, std::vector<DerivedHit> &Out) {
  if (!onlyUpdate(U) || Counted.count(U.Slot))
    return false;
  const BranchInst *Br = branchAfter(U);
  if (!Br)
    return false;
  const HitUpdate *Ways[2];
  for (unsigned K = 0; K < 2; ++K) {
    const BasicBlock *S = Br->getSuccessor(K);
    Ways[K] = S->getSinglePredecessor() ? firstUpdate(*S) : nullptr;
    if (!Ways[K] || Ways[K]->Slot == U.Slot || !onlyUpdate(*Ways[K]) ||
        Derived.count(Ways[K]->Slot))
      return false; // (a block that branches to itself: never derived)
  }
  Out.push_back({U.Slot, Ways[0]->Slot, Ways[1]->Slot});
  Derived.insert(U.Slot);
  Counted.insert(Ways[0]->Slot);
  Counted.insert(Ways[1]->Slot);
  return true;
}

/// The lines of BB whose only update follows a counted line's only update
/// with nothing between that may stop: each has that line's hits, as gcov
/// counts a block once for all its lines. The entry names the derived slot
/// as its own second term, whose count stays 0 (lineprof_abi_tables.inc).
void Deriver::deriveCopies(const BasicBlock &BB, std::vector<DerivedHit> &Out) {
  const HitUpdate *Anchor = nullptr;
  for (const Instruction &I : BB) {
    const auto *L = dyn_cast<LoadInst>(&I);
    const HitUpdate *U = L ? UpdateOfLoad.lookup(L) : nullptr;
    if (U && !Derived.count(U->Slot)) {
      if (Anchor && onlyUpdate(*U) && !Counted.count(U->Slot) &&
          U->Slot != Anchor->Slot) {
        Out.push_back({U->Slot, Anchor->Slot, U->Slot});
        Derived.insert(U->Slot);
        Counted.insert(Anchor->Slot);
      } else {
        Anchor = onlyUpdate(*U) ? U : nullptr;
      }
    } else if (mayStopAt(I)) {
      Anchor = nullptr;
    }
  }
}

/// Removes U's load, add and store, and the address they alone used.
void erase(const HitUpdate &U) {
  auto *Add = cast<Instruction>(U.New->getValueOperand());
  auto *Addr = dyn_cast<GetElementPtrInst>(U.New->getPointerOperand());
  U.New->eraseFromParent();
  Add->eraseFromParent();
  U.Old->eraseFromParent();
  if (Addr && Addr->use_empty())
    Addr->eraseFromParent();
}

std::vector<DerivedHit> Deriver::run() {
  std::vector<DerivedHit> Out;
  std::vector<HitUpdate> Kept;
  for (const HitUpdate &U : Updates)
    derive(U, Out);
  if (!Updates.empty())
    for (const BasicBlock &BB : *Updates.front().New->getFunction())
      deriveCopies(BB, Out);
  for (const HitUpdate &U : Updates)
    if (!Derived.count(U.Slot))
      Kept.push_back(U);
  for (const HitUpdate &U : Updates)
    if (Derived.count(U.Slot))
      erase(U);
  Updates = std::move(Kept);
  return Out;
}

} // namespace

std::vector<DerivedHit> deriveHits(std::vector<HitUpdate> &Updates) {
  if (!ClDerivedHits)
    return {};
  return Deriver(Updates).run();
}

} // namespace lineprof
