//===- LineEventSites.h - Where a function's line events fire -------------===//
//
// Decides, for one function whose instructions are mapped to line slots, at
// which points a line event may happen and whether it happens there always,
// never, or depending on the call's current line (docs/semantics.md). How
// each event is then counted and timed is LineProbes.cpp's business.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_LINEEVENTSITES_H
#define LINEPROF_LINEEVENTSITES_H

#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <map>
#include <vector>

namespace llvm {
class BasicBlock;
class Function;
class Instruction;
} // namespace llvm

namespace lineprof {

/// What is known about the call's current line `cur` at a point.
struct CurState {
  static constexpr int64_t Undefined = -2, Unknown = -1;
  int64_t Line = Undefined;  ///< slot, Unknown, or Undefined (unreachable)
  int64_t Stale = Undefined; ///< 0, 1, Unknown or Undefined

  bool operator==(const CurState &O) const {
    return Line == O.Line && Stale == O.Stale;
  }
  bool operator!=(const CurState &O) const { return !(*this == O); }
};

/// Unreachable: no code. Fire/NoFire: decided at compile time. Dynamic:
/// the probe tests `cur` at run time.
enum class Decision { Unreachable, Fire, NoFire, Dynamic };

/// The first instruction of a run of one line inside a block.
struct LineSite {
  llvm::Instruction *At;
  unsigned Slot;
  bool Header = false; ///< first site of a loop header
  Decision D = Decision::Unreachable;
  CurState In;
};

/// A retreating edge into a loop header whose first line is Slot.
struct EdgeSite {
  llvm::BasicBlock *From, *To;
  unsigned Slot;
  Decision D = Decision::Unreachable;
  CurState In;
};

/// Every site of one function with its decision.
struct EventSites {
  std::map<llvm::BasicBlock *, std::vector<LineSite>> Lines;
  std::vector<EdgeSite> Edges;
};

/// The sites of F, whose statement instructions Slot maps to line slots;
/// SinkSlot is the value of `cur` at entry (no line yet).
EventSites
findEventSites(llvm::Function &F,
               const llvm::DenseMap<llvm::Instruction *, unsigned> &Slot,
               unsigned SinkSlot);

} // namespace lineprof

#endif
