//===- LineEvents.h - The probes of a function's line events --------------===//
//
// Instruments one function whose instructions are already mapped to line
// slots: a probe at each place where a line event fires (LineEventSites.h),
// counting its Hit (LoopHitCounters.h in call-free loops), keeping the call's
// frame of the shadow stack up to date for the sampling timer, and calling the
// runtime when the run asks for exact times or memory (runtime/rt_abi.h).
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_LINEEVENTS_H
#define LINEPROF_LINEEVENTS_H

#include "DerivedHits.h"
#include "FrontendInfo.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/DerivedTypes.h"

namespace llvm {
class Function;
class Instruction;
class Module;
class ReturnInst;
class GlobalVariable;
class Value;
} // namespace llvm

namespace lineprof {

/// What the probes of one function need from its module.
struct ProbeContext {
  llvm::GlobalVariable *Module; ///< the module's struct lineprof_module
  /// The module's own entries to the runtime calls that take its
  /// descriptor (ModuleTables.h): the probes call these, so that no
  /// instrumented function refers to the descriptor itself.
  llvm::Function *ThreadBlock = nullptr; ///< (tls) -> the counter block
  llvm::Function *TimedEnter = nullptr;  ///< exact probes' entry, or null
  llvm::GlobalVariable *ThreadTls; ///< thread-local cache of the counter block
  llvm::GlobalVariable *Detail = nullptr; ///< the runtime's __lineprof_detail
  llvm::GlobalVariable *Stack = nullptr;  ///< the thread's __lineprof_stack
  unsigned ModuleSlots; ///< slots in the module (sink slot = this)
  ProbeKind Kind = ProbeKind::Frames;
  /// Emit the exact-timing probes.
  bool exact() const { return Kind == ProbeKind::Exact; }
  /// No frames (Stack, Detail null): hit counters only.
  bool hits() const {
    return Kind == ProbeKind::Unwound || Kind == ProbeKind::Hits;
  }
};

/// The call that return R must immediately follow, if any: a musttail
/// call (an optional bitcast between them) or a call of
/// llvm.experimental.deoptimize. Nothing may separate the two, so R's line
/// is the call's and code for the return goes before the call.
llvm::Instruction *callTiedTo(const llvm::ReturnInst &R);

/// The declaration of a runtime function the probes call (rt_abi.h): it
/// returns, throws nothing and touches only its arguments' memory and the
/// runtime's own, so the optimiser keeps the user's values in registers
/// across it; bound at load time (a lazy binding's first call would
/// charge the dynamic linker's work to a line).
llvm::FunctionCallee runtimeFunction(llvm::Module &M, llvm::StringRef Name,
                                     llvm::Type *Result,
                                     llvm::ArrayRef<llvm::Type *> Params);

/// What an instrumented function leaves for its module.
struct InstrumentedFunction {
  /// The thread's counter block, as the prologue loads it: a value
  /// available everywhere after the prologue.
  llvm::Value *Block;
  std::vector<DerivedHit> Derived; ///< its slots whose hits are derived
  /// With exact probes: whether the call is timed (an i1), and the runtime
  /// calls to run only when it is (guardTimedCalls).
  llvm::Value *Timed = nullptr;
  std::vector<llvm::CallInst *> Guarded;
};

/// Instruments F. Slot maps each instruction that executes a statement
/// line to that line's module slot; instructions absent from it belong to
/// whatever line is current. FunctionIndex is F's entry in the module's
/// function table.
InstrumentedFunction
instrumentLineEvents(llvm::Function &F,
                     const llvm::DenseMap<llvm::Instruction *, unsigned> &Slot,
                     const ProbeContext &Ctx, unsigned FunctionIndex);

/// Puts the runtime calls Done.Guarded of a small function or loop behind a
/// test of Done.Timed: a call that is not timed (the timer off, or sampled)
/// branches past them, so that its event costs a test of a register instead
/// of a call and a loop keeps its values in registers; a timed call that
/// auto mode handed over to the sampler stores its line events' lines in
/// its state's head (rt_abi.h) instead of calling the runtime. Last, once
/// the hits are derived, the loops' counters promoted and the calls
/// counted: a branch that always joins again changes none of them.
void guardTimedCalls(const InstrumentedFunction &Done);

} // namespace lineprof

#endif
