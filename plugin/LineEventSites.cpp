//===- LineEventSites.cpp - Where a function's line events fire -----------===//
//
// A line event happens (docs/semantics.md) when control enters a line other
// than the one the call is on, and when it jumps backward to a line, but a
// loop iteration re-entering its header line counts once however many
// blocks of that line it passes through.
//
// Each call keeps the slot of its current line in `cur`; the bit
// LINEPROF_STALE_BIT on it means "this line was entered before the loop
// header was last passed". Two kinds of sites follow from the rule:
//
//  * line sites: the first instruction of each run of one line inside a
//    block. An event fires when (cur & ~STALE) != slot. At a loop header's
//    first site, cur becomes slot|STALE afterwards, event or not.
//  * back-edge sites: on each retreating CFG edge into a loop header whose
//    first line is `slot`. An event fires when cur == slot|STALE, i.e. the
//    whole iteration stayed on the header's line (one-line loops).
//
// A forward data-flow analysis tracks what is known about `cur` at every
// site, so most sites are decided at compile time; the rest test `cur` at
// run time. Its lattice has a height of three per block, so the fixed
// point is reached in a few sweeps whatever the function's size.
//
//===----------------------------------------------------------------------===//
#include "LineEventSites.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/PostOrderIterator.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace lineprof {
namespace {

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

void collectLineSites(Function &F, const DenseMap<Instruction *, unsigned> &Slot,
                      EventSites &S) {
  for (BasicBlock &BB : F) {
    auto &List = S.Lines[&BB];
    for (Instruction &I : BB) {
      auto It = Slot.find(&I);
      if (It == Slot.end())
        continue;
      if (List.empty() || List.back().Slot != It->second)
        List.push_back(LineSite{&I, It->second, false, Decision::Unreachable, {}});
    }
  }
}

/// The retreating edges of F's CFG, found by depth-first search, each
/// once (parallel edges, such as a `switch`'s cases, are one edge here).
std::vector<std::pair<BasicBlock *, BasicBlock *>> retreatingEdges(Function &F) {
  SmallPtrSet<BasicBlock *, 32> Visited, OnStack;
  DenseSet<std::pair<BasicBlock *, BasicBlock *>> Seen;
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
    if (OnStack.count(Succ)) {
      if (Seen.insert({BB, Succ}).second)
        Retreating.push_back({BB, Succ});
    } else if (Visited.insert(Succ).second) {
      OnStack.insert(Succ);
      Stack.push_back({Succ, succ_begin(Succ)});
    }
  }
  return Retreating;
}

/// Marks the first line site of every block a retreating edge enters, and
/// records those edges as back-edge sites.
void findLoopHeaders(Function &F, EventSites &S) {
  for (auto &[From, To] : retreatingEdges(F)) {
    // An indirectbr/callbr target cannot be redirected to a probe block;
    // such back edges (computed-goto dispatch) get no back-edge site. Nor
    // can an unwind edge, whose target must be an exception-handling pad.
    if (isa<IndirectBrInst>(From->getTerminator()) ||
        isa<CallBrInst>(From->getTerminator()) || To->isEHPad())
      continue;
    // A header without lines of its own (`for (;;)`): its line is the
    // first one reached through blocks that merely branch on.
    BasicBlock *H = To;
    for (int Hop = 0; H && S.Lines[H].empty() && Hop < 8; ++Hop)
      H = H->getSingleSuccessor();
    if (!H || S.Lines[H].empty())
      continue;
    LineSite &First = S.Lines[H].front();
    First.Header = true;
    S.Edges.push_back(EdgeSite{From, To, First.Slot, Decision::Unreachable, {}});
  }
}

/// Forward data flow over `cur` to a fixed point, recording each site's
/// decision.
void solve(Function &F, EventSites &S, unsigned SinkSlot) {
  std::map<BasicBlock *, std::vector<EdgeSite *>> EdgesInto;
  for (EdgeSite &E : S.Edges)
    EdgesInto[E.To].push_back(&E);
  ReversePostOrderTraversal<Function *> RPOT(&F);
  DenseMap<BasicBlock *, CurState> Out;
  auto EdgeOut = [&](BasicBlock *From, BasicBlock *To) {
    CurState St = Out.lookup(From);
    for (EdgeSite *E : EdgesInto[To])
      if (E->From == From) {
        E->In = St;
        E->D = decideEdgeSite(*E, St);
        St = afterEdgeSite(*E, E->D, St);
      }
    return St;
  };
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (BasicBlock *BB : RPOT) {
      CurState St;
      if (BB == &F.getEntryBlock())
        St = {int64_t(SinkSlot), 0};
      for (BasicBlock *P : predecessors(BB))
        St = meet(St, EdgeOut(P, BB));
      for (LineSite &L : S.Lines[BB]) {
        L.In = St;
        L.D = decideLineSite(L, St);
        St = afterLineSite(L, L.D, St);
      }
      CurState &Old = Out[BB];
      if (Old != St) {
        Old = St;
        Changed = true;
      }
    }
  }
}

} // namespace

EventSites findEventSites(Function &F,
                          const DenseMap<Instruction *, unsigned> &Slot,
                          unsigned SinkSlot) {
  EventSites S;
  collectLineSites(F, Slot, S);
  findLoopHeaders(F, S);
  solve(F, S, SinkSlot);
  return S;
}

} // namespace lineprof
