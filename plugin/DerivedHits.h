//===- DerivedHits.h - Line hits computed from other lines' hits ----------===//
//
// A line event that runs once before a two-way branch, where each way
// starts with a line event of its own, has as many hits as those two
// together: every time it runs, exactly one of them runs next (nothing
// between them can leave: no call but the runtime's). Its add is removed
// and its slot's hits are computed when the counters are read, as clang's
// coverage computes most of its regions' counts from a few counters
// (rt_abi.h's derived-slot table; the runtime's snapshot and the raw
// file's reader apply it). In fib, `if (k < 2)` is then counted by
// `return k;` and `return fib(k - 1) + fib(k - 2);`: one add per call
// instead of two.
//
// A line event that follows another's in the same block, with nothing
// between them that can leave, has that line's hits, as gcov counts a
// block once for all its lines: only the first line of a run of
// straight-line code keeps its add.
//
// Caveat: in a profile written at a fatal signal that struck between such
// a line's start and its branch, that line shows one hit fewer than it ran;
// between two lines of one block, the second shows one hit more.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_DERIVEDHITS_H
#define LINEPROF_DERIVEDHITS_H

#include "CounterUpdates.h"

#include <vector>

namespace lineprof {

/// A slot whose hits are First's and Second's together; First's alone when
/// Second is the slot itself.
struct DerivedHit {
  unsigned Slot, First, Second;
};

/// Removes from their function, and from Updates (the line events' counter
/// updates of one function, every one of them), those whose counts follow
/// from others', and returns how each follows.
std::vector<DerivedHit> deriveHits(std::vector<HitUpdate> &Updates);

} // namespace lineprof

#endif
