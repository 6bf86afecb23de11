//===- AllocationSites.h - Tells the runtime where each block comes from --===//
//
// After every call of an allocation function (AllocationFunctions.h) in a
// translation unit compiled with the plugin, a call of the runtime's
// __lineprof_object_site with the block and a constant describing the call:
// its file, its line and the C type the frontend found (runtime/rt_abi.h).
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_ALLOCATIONSITES_H
#define LINEPROF_ALLOCATIONSITES_H

namespace llvm {
class Module;
} // namespace llvm

namespace lineprof {

struct FrontendInfo;

/// Instruments every allocation call of M that has a debug location, in
/// all of M's functions, when the frontend ran (Info.Present; under `opt`
/// or -fpass-plugin alone nothing is done). Returns whether M changed.
bool instrumentAllocationSites(llvm::Module &M, const FrontendInfo &Info);

} // namespace lineprof

#endif
