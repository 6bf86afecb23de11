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
  llvm::GlobalVariable *ProbeCycles; ///< the runtime's __lineprof_probe_cycles
  llvm::GlobalVariable *Stack;     ///< the thread's __lineprof_stack
  unsigned ModuleSlots;            ///< slots in the module (sink slot = this)
};

/// Which version of a function the probes make (rt_abi.h):
///  * HitsOnly: hits in per-call locals, added to the thread's block
///    before calls and returns;
///  * Sampled: the same, and the call's frame on the shadow stack;
///  * Detailed: hits in the block, the cycle counter at every event and
///    the memory calls when the runtime asks for them;
///  * Adaptive: the only version of a function that cannot be versioned:
///    Detailed whenever __lineprof_detail is non-zero, tested at every event.
enum class ProbeVersion { HitsOnly, Sampled, Detailed, Adaptive };

/// Instruments F. Slot maps each instruction that executes a statement
/// line to that line's module slot; instructions absent from it belong to
/// whatever line is current. FunctionIndex is F's entry in the module's
/// function table.
void instrumentLineEvents(llvm::Function &F,
                          const llvm::DenseMap<llvm::Instruction *, unsigned> &Slot,
                          const ProbeContext &Ctx, ProbeVersion Version,
                          unsigned FunctionIndex);

} // namespace lineprof

#endif
