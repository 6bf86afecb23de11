//===- CallSiteCounters.h - Call counts per call site ----------------------===//
//
// Counts every executed direct call from a profiled function to a function
// that may itself be profiled: one that this module instruments, or an
// external one that is not a known library function (TargetLibraryInfo);
// never intrinsics nor lineprof's runtime. Each such call site gets a slot
// of its own after the module's line slots, and right before the call one
// is added to that slot's hit counter in the thread's block, as a line
// event adds its hit; unless the call runs exactly once per hit of its
// line, whose counter then counts it (countCallSites). The sites go into
// the module's call-site table (ModuleTables.h), from which the runtime
// writes the profile's call arcs.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_CALLSITECOUNTERS_H
#define LINEPROF_CALLSITECOUNTERS_H

#include "ModuleTables.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Analysis/TargetLibraryInfo.h"

#include <set>
#include <vector>

namespace llvm {
class CallBase;
class Function;
class Instruction;
class Module;
class Value;
} // namespace llvm

namespace lineprof {

/// A counted call, found before the function is instrumented.
struct CallSite {
  llvm::CallBase *Call;
  CallSiteTable Table;
  unsigned LineSlot; ///< the slot of the line the call is on
};

/// Which calls are counted: see the file comment.
class CallSiteFilter {
public:
  CallSiteFilter(llvm::Module &M, std::set<const llvm::Function *> Profiled);
  /// The callee whose calls by CB are counted, or null.
  const llvm::Function *countedCallee(const llvm::CallBase &CB) const;

private:
  llvm::TargetLibraryInfoImpl TLII;
  llvm::TargetLibraryInfo TLI;
  std::set<const llvm::Function *> Profiled;
};

/// The counted calls of F (entry Caller of the function table) that lie on
/// a statement line (Slot maps them to FirstLineSlot + an index in Lines);
/// their slots are NextSlot, NextSlot + 1, ... (NextSlot is advanced).
std::vector<CallSite>
findCallSites(llvm::Function &F, unsigned Caller, const CallSiteFilter &Filter,
              const llvm::DenseMap<llvm::Instruction *, unsigned> &Slot,
              const FunctionTable &Lines, unsigned &NextSlot);

/// Counts each site's calls; Block is the thread's counter block of the
/// instrumented caller (instrumentLineEvents). A call that runs once each
/// time its line's hit is added (the line's only hit, earlier in the call's
/// block, with no call between them that might not return) is counted by
/// that hit: the site's table names the line's slot, and its own slot stays
/// unused. Any other call gets an add of one to Block[slot] right before it.
/// (A fatal signal between the line's start and a call so counted, a fault
/// on an argument's load, counts the call that did not happen, in the
/// profile written at that signal.)
void countCallSites(llvm::MutableArrayRef<CallSite> Sites, llvm::Value *Block);

} // namespace lineprof

#endif
