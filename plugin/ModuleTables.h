//===- ModuleTables.h - The tables an instrumented module carries ---------===//
//
// Emits what the runtime needs to know about a module (runtime/abi/rt_abi.h):
// the struct lineprof_module with its function, line and call-site tables, the
// thread-local cache of the counter block, the module's entries to the
// runtime calls that take the descriptor, and the constructor and
// destructor that register and unregister the module.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_MODULETABLES_H
#define LINEPROF_MODULETABLES_H

#include "LineEvents.h"

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace llvm {
class Module;
} // namespace llvm

namespace lineprof {

/// One instrumented function as the runtime and the report see it.
struct FunctionTable {
  std::string Name, File, Path;
  unsigned FirstLine = 0, LastLine = 0;
  unsigned FirstSlot = 0;
  std::vector<unsigned> Lines; ///< source line of each of its slots
};

/// One counted call (CallSiteCounters.h) as the runtime sees it.
struct CallSiteTable {
  std::string Callee;
  unsigned Caller = 0; ///< index of the calling function in the table
  unsigned Line = 0;   ///< the calling statement's line
  unsigned Slot = 0;   ///< its counter's slot
};

/// Creates the module-level globals the probes refer to, and the module's
/// entries to the runtime (with the exact probes' for ProbeKind::Exact;
/// with the shadow stack and the mode for it and ProbeKind::Frames); the
/// descriptor's contents are filled in by finishModuleTables once all
/// functions are done.
ProbeContext createModuleGlobals(llvm::Module &M, unsigned ModuleSlots,
                                 ProbeKind Kind);

/// Sets the descriptor's initializer and adds the registering constructor.
/// Source is the absolute path of the translation unit's main file. Calls are in caller order, their slots after all of Functions' lines;
/// Derived, the slots whose hits are derived (DerivedHits.h).
/// Patterns are the -fplugin-arg-lineprof-functions names with whether each
/// matched a function of this module.
void finishModuleTables(
    llvm::Module &M, const ProbeContext &Ctx, llvm::StringRef Source,
    const std::vector<FunctionTable> &Functions,
    const std::vector<CallSiteTable> &Calls,
    const std::vector<DerivedHit> &Derived,
    const std::vector<std::pair<std::string, bool>> &Patterns);

} // namespace lineprof

#endif
