//===- LineEvents.h - Where a function's line events happen --------------===//
//
// Decides, for one function whose instructions are already mapped to line
// slots, at which points a line event happens, following Python's
// sys.settrace rules (docs/semantics.md), and emits the probes there.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_LINEEVENTS_H
#define LINEPROF_LINEEVENTS_H

#include "llvm/ADT/DenseMap.h"

namespace llvm {
class Function;
class Instruction;
class GlobalVariable;
class Value;
} // namespace llvm

namespace lineprof {

/// What the probes of one function need from its module.
struct ProbeContext {
  llvm::GlobalVariable *Module;    ///< the module's struct lineprof_module
  llvm::GlobalVariable *ThreadTls; ///< thread-local cache of the counter block
  llvm::GlobalVariable *Detail;    ///< the runtime's __lineprof_detail
  unsigned ModuleSlots;            ///< slots in the module (sink slot = this)
};

/// Whether the probes are the detailed ones (cycle counter, and memory when
/// the runtime asks for it): never, always, or when the runtime's
/// __lineprof_detail says so (a test at every event).
enum class TimerProbes { Never, Always, AtRunTime };

/// Instruments F. Slot maps each instruction that executes a statement
/// line to that line's module slot; instructions absent from it belong to
/// whatever line is current. FunctionIndex is F's entry in the module's
/// function table.
void instrumentLineEvents(llvm::Function &F,
                          const llvm::DenseMap<llvm::Instruction *, unsigned> &Slot,
                          const ProbeContext &Ctx, TimerProbes Timer,
                          unsigned FunctionIndex);

} // namespace lineprof

#endif
