//===- AllocationSites.cpp - Tells the runtime where each block comes from ===//
//
// Each site is a private `struct lineprof_alloc_site` (rt_abi.h), one per
// call, its strings shared; the type is the frontend's, found by the call's
// line and column (by its line alone without column information, if all
// the calls on it agree), and null when unknown or ambiguous.
//
//===----------------------------------------------------------------------===//
#include "AllocationSites.h"

#include "AllocationFunctions.h"
#include "FrontendInfo.h"
#include "LineProfPass.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

#include <vector>

using namespace llvm;

namespace lineprof {
namespace {

constexpr const char *HookName = "__lineprof_object_site";
constexpr const char *OnName = "__lineprof_objects"; // tracking is on
constexpr const char *SiteName = "lineprof.alloc_site";

/// The type the frontend found for the call at Line:Col ("" if none).
std::string typeAt(const AllocationTypeMap &Types, unsigned Line,
                   unsigned Col) {
  auto Begin = Types.lower_bound({Line, Col});
  auto End =
      Col ? Types.upper_bound({Line, Col}) : Types.lower_bound({Line + 1, 0});
  for (auto It = Begin; It != End; ++It)
    if (It->second != Begin->second)
      return "";
  return Begin == End ? "" : Begin->second;
}

/// The allocation function Call calls, if its result or block argument
/// has the expected type.
const AllocationFunction *allocationCallee(const CallBase &Call) {
  const auto *Callee =
      dyn_cast<Function>(Call.getCalledOperand()->stripPointerCasts());
  const AllocationFunction *F =
      Callee ? findAllocationFunction(Callee->getName()) : nullptr;
  if (!F || Call.isMustTailCall())
    return nullptr;
  if (F->BlockOut < 0)
    return Call.getType()->isPointerTy() ? F : nullptr;
  return Call.getType()->isIntegerTy() &&
                 unsigned(F->BlockOut) < Call.arg_size() &&
                 Call.getArgOperand(F->BlockOut)->getType()->isPointerTy()
             ? F
             : nullptr;
}

class SiteEmitter {
public:
  SiteEmitter(Module &M, const AllocationTypeMap &Types)
      : M(M), C(M.getContext()), Types(Types), Str(Type::getInt8PtrTy(C)),
        SiteTy(StructType::get(
            C, {Str, Str, Type::getInt32Ty(C), Type::getInt32Ty(C)})),
        Hook(M.getOrInsertFunction(
            HookName,
            FunctionType::get(Type::getVoidTy(C), {Str, SiteTy->getPointerTo()},
                              false))),
        On(M.getOrInsertGlobal(OnName, Type::getInt32Ty(C))) {}

  /// Right after Call, which F is the callee of: when object tracking is
  /// on, calls the hook (a load and a branch otherwise, not a call).
  void instrument(CallBase &Call, const AllocationFunction &F) {
    const DebugLoc &DL = Call.getDebugLoc();
    DebugLoc Loc = DILocation::get(C, 0, 0, DL->getScope(), DL->getInlinedAt());
    IRBuilder<> B(insertionPoint(Call));
    B.SetCurrentDebugLocation(Loc);
    Value *Tracking = B.CreateIsNotNull(
        noSanitize(B.CreateLoad(Type::getInt32Ty(C), On, "lineprof.objects")));
    Instruction *Then =
        SplitBlockAndInsertIfThen(Tracking, &*B.GetInsertPoint(), false);
    Then->setDebugLoc(Loc);
    Then->getParent()->getSinglePredecessor()->getTerminator()->setDebugLoc(
        Loc);
    B.SetInsertPoint(Then);
    Value *Block = returnedBlock(B, Call, F);
    CallInst *Report = B.CreateCall(Hook, {Block, site(DL)});
    Report->setDoesNotThrow();
    noSanitize(Report);
  }

private:
  Module &M;
  LLVMContext &C;
  const AllocationTypeMap &Types;
  Type *Str;
  StructType *SiteTy;
  FunctionCallee Hook;
  Constant *On;
  StringMap<Constant *> Strings;

  Constant *string(StringRef S, const char *Name) {
    Constant *&GV = Strings[S];
    if (!GV)
      GV = ConstantExpr::getPointerCast(
          IRBuilder<>(C).CreateGlobalString(S, Name, 0, &M), Str);
    return GV;
  }

  Constant *site(const DebugLoc &DL) {
    std::string Name = typeAt(Types, DL.getLine(), DL.getCol());
    Constant *Init = ConstantStruct::get(
        SiteTy, {Name.empty() ? Constant::getNullValue(Str)
                              : string(Name, "lineprof.type"),
                 string(absolutePath(DL->getFile()), "lineprof.file"),
                 ConstantInt::get(Type::getInt32Ty(C), DL.getLine()),
                 ConstantInt::get(Type::getInt32Ty(C), 0)});
    return new GlobalVariable(M, SiteTy, /*isConstant=*/true,
                              GlobalValue::PrivateLinkage, Init, SiteName);
  }

  /// Right after Call returns normally.
  static Instruction *insertionPoint(CallBase &Call) {
    auto *Invoke = dyn_cast<InvokeInst>(&Call);
    if (!Invoke)
      return Call.getNextNode();
    BasicBlock *Normal = Invoke->getNormalDest();
    if (!Normal->getSinglePredecessor())
      Normal = SplitEdge(Invoke->getParent(), Normal);
    return &*Normal->getFirstInsertionPt();
  }

  /// The block Call allocated, or null if it failed.
  Value *returnedBlock(IRBuilder<> &B, CallBase &Call,
                       const AllocationFunction &F) {
    if (F.BlockOut < 0)
      return B.CreatePointerCast(&Call, Str);
    // posix_memalign: *memptr is set only on success (a 0 result).
    Value *Out = B.CreatePointerCast(Call.getArgOperand(F.BlockOut),
                                     Str->getPointerTo());
    Value *Block = noSanitize(B.CreateLoad(Str, Out));
    return B.CreateSelect(B.CreateIsNull(&Call), Block,
                          Constant::getNullValue(Str));
  }

  Instruction *noSanitize(Instruction *I) {
    I->setMetadata(M.getMDKindID("nosanitize"), MDNode::get(C, {}));
    return I;
  }
};

} // namespace

bool instrumentAllocationSites(Module &M, const FrontendInfo &Info) {
  // -fplugin and -fpass-plugin together run the pass twice.
  if (!Info.Present || M.getGlobalVariable(SiteName, /*AllowInternal=*/true))
    return false;
  std::vector<std::pair<CallBase *, const AllocationFunction *>> Calls;
  for (Function &F : M)
    for (Instruction &I : instructions(F))
      if (auto *Call = dyn_cast<CallBase>(&I))
        if (const DebugLoc &DL = Call->getDebugLoc(); DL && DL.getLine())
          if (const AllocationFunction *AF = allocationCallee(*Call))
            Calls.push_back({Call, AF});
  if (Calls.empty())
    return false;
  SiteEmitter Emitter(M, Info.AllocationTypes);
  for (auto &[Call, AF] : Calls)
    Emitter.instrument(*Call, *AF);
  return true;
}

} // namespace lineprof
