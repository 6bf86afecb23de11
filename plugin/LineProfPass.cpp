//===- LineProfPass.cpp - The lineprof instrumentation pass ---------------===//
//
// For each selected function: map every instruction to the line of the
// statement it belongs to (using what the frontend found, FrontendInfo.h),
// number those lines as slots (then the counted calls, CallSiteCounters.h),
// let LineEvents.cpp place the probes and ModuleTables.cpp describe the
// module to the runtime.
//
//===----------------------------------------------------------------------===//
#include "LineProfPass.h"

#include "AllocationSites.h"
#include "CallSiteCounters.h"
#include "FrontendInfo.h"
#include "InlineParity.h"
#include "LineEvents.h"
#include "ModuleTables.h"
#include "rt_abi.h"

#include "llvm/ADT/Triple.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Host.h"
#include "llvm/Support/Path.h"

#include <set>

using namespace llvm;

namespace lineprof {

std::string absolutePath(const DIFile *File) {
  if (!File) // a DISubprogram may have none
    return "";
  SmallString<256> P(File->getFilename());
  if (!sys::path::is_absolute(P)) {
    P = File->getDirectory();
    sys::path::append(P, File->getFilename());
  }
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

namespace {

/// Functions carrying __attribute__((annotate("profile"))), read from
/// llvm.global.annotations (for `opt` and -fpass-plugin, with no frontend).
std::set<Function *> annotatedFunctions(Module &M) {
  std::set<Function *> Out;
  auto *GA = M.getGlobalVariable("llvm.global.annotations");
  auto *Arr = GA ? dyn_cast<ConstantArray>(GA->getInitializer()) : nullptr;
  for (unsigned I = 0, E = Arr ? Arr->getNumOperands() : 0; I != E; ++I) {
    auto *CS = dyn_cast<ConstantStruct>(Arr->getOperand(I));
    auto *F = CS ? dyn_cast<Function>(CS->getOperand(0)->stripPointerCasts())
                 : nullptr;
    auto *S = CS ? dyn_cast<GlobalVariable>(CS->getOperand(1)->stripPointerCasts())
                 : nullptr;
    auto *D = S && S->hasInitializer()
                  ? dyn_cast<ConstantDataArray>(S->getInitializer())
                  : nullptr;
    if (F && D && D->isCString() && D->getAsCString() == "profile")
      Out.insert(F);
  }
  return Out;
}

bool sameFile(const DIFile *A, const DIFile *B) {
  return A == B || (A && B && A->getFilename() == B->getFilename() &&
                    A->getDirectory() == B->getDirectory());
}

/// Instructions that generate no code, so they never start a line: PHIs
/// and exception-handling pads (a probe cannot precede them anyway; the
/// line starts at the next instruction), a `ret` tied to the call before
/// it (musttail or deoptimize: its line is the call's; LineEvents.h),
/// no-op casts, the entry block's fixed-size allocas (part of the frame;
/// clang gives them no location, other producers may), and intrinsics that
/// mark things for the optimiser. At -O1 and up clang puts lifetime markers and the casts
/// feeding them, located at the enclosing loop, on paths such as `break`.
bool generatesNoCode(const Instruction &I) {
  if (isa<PHINode>(I) || I.isEHPad() || isa<DbgInfoIntrinsic>(I) ||
      I.isLifetimeStartOrEnd())
    return true;
  if (const auto *Alloca = dyn_cast<AllocaInst>(&I))
    return Alloca->isStaticAlloca();
  if (const auto *Ret = dyn_cast<ReturnInst>(&I))
    return callTiedTo(*Ret);
  if (const auto *Cast = dyn_cast<CastInst>(&I))
    return Cast->isNoopCast(I.getModule()->getDataLayout());
  const auto *II = dyn_cast<IntrinsicInst>(&I);
  if (!II)
    return false;
  switch (II->getIntrinsicID()) {
  case Intrinsic::stacksave:
  case Intrinsic::stackrestore:
  case Intrinsic::assume:
  case Intrinsic::invariant_start:
  case Intrinsic::invariant_end:
  case Intrinsic::experimental_noalias_scope_decl:
  case Intrinsic::pseudoprobe:
  case Intrinsic::localescape:
    return true;
  default:
    return false;
  }
}

/// Maps one function's instructions to statement lines.
class LineMapper {
public:
  LineMapper(const DISubprogram &SP, const FunctionLines *Lines)
      : SP(SP), Lines(Lines) {}

  /// The statement line I executes, or 0 if it belongs to no statement.
  unsigned statementLine(const Instruction &I) const {
    const DebugLoc &DL = I.getDebugLoc();
    if (!DL || DL.getLine() == 0 || DL.getInlinedAt() ||
        generatesNoCode(I) || !sameFile(DL->getFile(), SP.getFile()))
      return 0;
    unsigned Line = DL.getLine();
    if (auto *Br = dyn_cast<BranchInst>(&I))
      if (Br->isUnconditional() && !isJumpStatement(Line, DL.getCol()))
        return 0; // a brace's or an `else`'s branch: no code of its own
    if (!Lines)
      return Line;
    auto It = Lines->StatementLine.find(Line);
    return It == Lines->StatementLine.end() ? 0 : It->second;
  }

private:
  const DISubprogram &SP;
  const FunctionLines *Lines;

  bool isJumpStatement(unsigned Line, unsigned Col) const {
    if (!Lines)
      return false;
    if (Col)
      return Lines->JumpStarts.count({Line, Col});
    auto It = Lines->JumpStarts.lower_bound({Line, 0});
    return It != Lines->JumpStarts.end() && It->first == Line;
  }
};

struct SelectedFunction {
  Function *F;
  bool Named = false; ///< keeps the plain build's inlining (InlineParity.h)
  DenseMap<Instruction *, unsigned> Slot;
  FunctionTable Table;
};

/// Numbers F's statement lines as slots starting at FirstSlot.
SelectedFunction mapFunction(Function &F, const FunctionLines *Lines,
                             unsigned FirstSlot) {
  DISubprogram *SP = F.getSubprogram();
  LineMapper Mapper(*SP, Lines);
  SelectedFunction S;
  S.F = &F;
  std::map<unsigned, unsigned> SlotOfLine;
  DenseMap<Instruction *, unsigned> LineOf;
  for (Instruction &I : instructions(F))
    if (unsigned L = Mapper.statementLine(I)) {
      LineOf[&I] = L;
      SlotOfLine[L] = 0;
    }
  for (auto &[Line, Slot] : SlotOfLine) {
    Slot = FirstSlot + S.Table.Lines.size();
    S.Table.Lines.push_back(Line);
  }
  for (auto &[I, L] : LineOf)
    S.Slot[I] = SlotOfLine[L];

  S.Table.Name = F.getName().str();
  S.Table.File = SP->getFilename().str();
  S.Table.Path = absolutePath(SP->getFile());
  S.Table.FirstSlot = FirstSlot;
  S.Table.FirstLine = Lines ? Lines->FirstLine : SP->getLine();
  S.Table.LastLine = Lines ? Lines->LastLine
                           : (SlotOfLine.empty() ? SP->getLine()
                                                 : SlotOfLine.rbegin()->first);
  return S;
}

/// The absolute path of M's main source file (its first compile unit's),
/// by which the runtime finds the unit's line table.
std::string sourceFile(const Module &M) {
  for (const DICompileUnit *CU : M.debug_compile_units())
    return absolutePath(CU->getFile());
  return "";
}

void warnNotProfiled(Function &F, const Twine &Why) {
  F.getContext().diagnose(DiagnosticInfoUnsupported(
      F, "lineprof: '" + F.getName() + "' " + Why, DiagnosticLocation(),
      DS_Warning));
}

/// M's target; a module without a triple is the host's.
Triple targetOf(const Module &M) {
  return Triple(M.getTargetTriple().empty() ? sys::getDefaultTargetTriple()
                                            : M.getTargetTriple());
}

/// Why M's target cannot run the probes, or null when it can. The runtime
/// runs on x86, x86-64 and AArch64 (rt_sample.c reads their interrupted
/// stack pointers), and the exact probes' llvm.addressofreturnaddress is
/// implemented for those alone: LLVM 14's llc crashes on it for ARM,
/// PowerPC and RISC-V (found by tests/fuzz/plugin_ir.sh on LLVM's tests
/// for those targets). A GPU has no thread-local storage and no runtime;
/// stack slots, globals and calls must be in address space 0.
const char *unsupportedTarget(const Module &M) {
  Triple T = targetOf(M);
  const DataLayout &DL = M.getDataLayout();
  if (T.isAMDGPU() || T.isNVPTX() || T.isSPIRV() ||
      DL.getAllocaAddrSpace() != 0 || DL.getProgramAddressSpace() != 0 ||
      DL.getDefaultGlobalsAddressSpace() != 0)
    return "is not profiled: its target is a GPU or puts the stack or "
           "globals outside address space 0";
  if (!T.isX86() && !T.isAArch64())
    return "is not profiled: lineprof's runtime runs on x86, x86-64 and "
           "AArch64 only";
  return nullptr;
}

/// Why the intrinsics F calls leave it unprofiled, or "" when they do not:
/// - LLVM's coroutine intrinsics (C++20 and Swift coroutines; C has none):
///   the coroutine passes that split F move stack slots into the
///   coroutine's frame and rewrite their uses, which the probes' slots do
///   not survive;
/// - an intrinsic of another target than T: GPU code in a module without a
///   triple (LLVM's AMDGPU tests name theirs on opt's command line), which
///   the host's backend compiles only if the optimiser deletes those calls;
///   a line's Hits can depend on them, and the probes keep them (llc:
///   "Cannot select: intrinsic %llvm.amdgcn.workitem.id.x").
std::string intrinsicsNotProfiled(const Function &F, const Triple &T) {
  std::string Own =
      ("llvm." + Triple::getArchTypePrefix(T.getArch()) + ".").str();
  for (const Instruction &I : instructions(F))
    if (const auto *Call = dyn_cast<CallBase>(&I))
      if (const Function *Callee = Call->getCalledFunction()) {
        StringRef Name = Callee->getName();
        if (Callee->isIntrinsic() && Name.startswith("llvm.coro."))
          return "is a coroutine and is not profiled";
        if (Callee->isTargetIntrinsic() && !Name.startswith(Own))
          return ("is not profiled: it calls " + Name +
                  ", an intrinsic of another target")
              .str();
      }
  return "";
}

/// A function to profile, and whether it was selected by name (annotated
/// or named by `functions=`) rather than with its file.
struct Candidate {
  Function *F;
  bool Named;
};

/// The selected functions of M, in module order (every definition if All).
std::vector<Candidate> selectedFunctions(Module &M, bool All) {
  const FrontendInfo &Info = frontendInfo();
  std::set<Function *> Annotated = annotatedFunctions(M);
  std::vector<Candidate> Out;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    bool Named = Annotated.count(&F) ||
                 (Info.Present && Info.Named.count(F.getName().str()));
    if (All || Named ||
        (Info.Present && Info.Functions.count(F.getName().str())))
      Out.push_back({&F, Named});
  }
  return Out;
}

/// The counted calls of each selected function, their slots numbered from
/// Slots on (which ends past the last).
std::vector<std::vector<CallSite>>
findModuleCallSites(Module &M, const std::vector<SelectedFunction> &Selected,
                    unsigned &Slots) {
  std::set<const Function *> Profiled;
  for (const SelectedFunction &S : Selected)
    Profiled.insert(S.F);
  CallSiteFilter Filter(M, std::move(Profiled));
  std::vector<std::vector<CallSite>> Sites;
  for (const SelectedFunction &S : Selected)
    Sites.push_back(
        findCallSites(*S.F, Sites.size(), Filter, S.Slot, S.Table, Slots));
  return Sites;
}

} // namespace

PreservedAnalyses LineProfPass::run(Module &M, ModuleAnalysisManager &) {
  // -fplugin and -fpass-plugin together register the pass twice.
  if (M.getGlobalVariable("lineprof.module", /*AllowInternal=*/true))
    return PreservedAnalyses::all();
  const FrontendInfo &Info = frontendInfo();
  std::vector<Candidate> Candidates = selectedFunctions(M, Opts.All);
  if (const char *Why = unsupportedTarget(M)) {
    for (Candidate &C : Candidates)
      warnNotProfiled(*C.F, Why);
    return PreservedAnalyses::all();
  }
  std::vector<SelectedFunction> Selected;
  unsigned Slots = 0;
  Triple Target = targetOf(M);
  for (auto [F, Named] : Candidates) {
    std::string Why = intrinsicsNotProfiled(*F, Target);
    if (!Why.empty()) {
      warnNotProfiled(*F, Why);
      continue;
    }
    if (!F->getSubprogram()) {
      warnNotProfiled(*F, "has no line information and is not profiled; "
                          "compile with -g or -gline-tables-only");
      continue;
    }
    auto It = Info.Functions.find(F->getName().str());
    const FunctionLines *Lines =
        Info.Present && It != Info.Functions.end() ? &It->second : nullptr;
    Selected.push_back(mapFunction(*F, Lines, Slots));
    Selected.back().Named = Named;
    Slots += Selected.back().Table.Lines.size();
  }
  // A module with nothing to profile still tells the runtime which names
  // it was asked for, so that names matching nothing anywhere are reported.
  if (Selected.empty() && (!Info.Present || Info.Patterns.empty()))
    return instrumentAllocationSites(M, Info) ? PreservedAnalyses::none()
                                              : PreservedAnalyses::all();

  std::vector<std::vector<CallSite>> Sites =
      findModuleCallSites(M, Selected, Slots);
  ProbeContext Ctx = createModuleGlobals(
      M, Slots, Opts.Probes != ProbeKind::Unwound ? Opts.Probes : Info.Probes);
  std::vector<FunctionTable> Tables;
  std::vector<CallSiteTable> Calls;
  std::vector<DerivedHit> Derived;
  for (SelectedFunction &S : Selected) {
    int PlainSize = inlineSize(*S.F);
    InstrumentedFunction Done =
        instrumentLineEvents(*S.F, S.Slot, Ctx, Tables.size());
    countCallSites(Sites[Tables.size()], Done.Block);
    guardTimedCalls(Done);
    Derived.insert(Derived.end(), Done.Derived.begin(), Done.Derived.end());
    if (S.Named)
      compensateProbeSize(*S.F, *Ctx.ThreadBlock, PlainSize);
    for (CallSite &C : Sites[Tables.size()])
      Calls.push_back(std::move(C.Table));
    Tables.push_back(std::move(S.Table));
  }
  finishModuleTables(M, Ctx, sourceFile(M), Tables, Calls, Derived,
                     Info.Present ? Info.Patterns
                                  : std::vector<std::pair<std::string, bool>>());
  instrumentAllocationSites(M, Info);
  return PreservedAnalyses::none();
}

} // namespace lineprof
