//===- ModuleTables.cpp - The tables an instrumented module carries -------===//
//
// Layout must match struct lineprof_module / struct lineprof_function in
// runtime/rt_abi.h (LINEPROF_ABI_VERSION).
//
//===----------------------------------------------------------------------===//
#include "ModuleTables.h"

#include "rt_abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace lineprof {
namespace {

StructType *functionType(LLVMContext &C) {
  Type *Str = Type::getInt8PtrTy(C);
  Type *I32 = Type::getInt32Ty(C);
  return StructType::get(C, {Str, Str, Str, I32, I32, I32, I32});
}

StructType *moduleType(LLVMContext &C) {
  Type *I32 = Type::getInt32Ty(C);
  Type *Str = Type::getInt8PtrTy(C);
  return StructType::get(C, {I32, I32, I32, I32,
                             functionType(C)->getPointerTo(),
                             I32->getPointerTo(), Str->getPointerTo(),
                             Type::getInt8PtrTy(C), Str, I32, I32});
}

Constant *privateConstant(Module &M, Constant *Init, const Twine &Name) {
  auto *GV = new GlobalVariable(M, Init->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Init, Name);
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  return GV;
}

Constant *stringConstant(Module &M, StringRef S) {
  Constant *Data = ConstantDataArray::getString(M.getContext(), S);
  return ConstantExpr::getPointerCast(privateConstant(M, Data, "lineprof.str"),
                                      Type::getInt8PtrTy(M.getContext()));
}

Constant *functionEntry(Module &M, const FunctionTable &F) {
  LLVMContext &C = M.getContext();
  auto U32 = [&](unsigned V) { return ConstantInt::get(Type::getInt32Ty(C), V); };
  return ConstantStruct::get(
      functionType(C),
      {stringConstant(M, F.Name), stringConstant(M, F.File),
       stringConstant(M, F.Path), U32(F.FirstLine), U32(F.LastLine),
       U32(F.FirstSlot), U32(F.Lines.size())});
}

/// A function `Name` that passes the descriptor to the runtime's `Callee`.
Function *descriptorCall(Module &M, GlobalVariable *Descriptor,
                         StringRef Name, StringRef Callee) {
  LLVMContext &C = M.getContext();
  Function *F = Function::Create(FunctionType::get(Type::getVoidTy(C), false),
                                 GlobalValue::InternalLinkage, Name, M);
  IRBuilder<> B(BasicBlock::Create(C, "", F));
  FunctionCallee Target = M.getOrInsertFunction(
      Callee,
      FunctionType::get(Type::getVoidTy(C), {Descriptor->getType()}, false));
  B.CreateCall(Target, {Descriptor});
  B.CreateRetVoid();
  return F;
}

/// Registers the module when it is loaded and unregisters it when it is
/// unloaded (dlclose, or the end of the program).
void addRegistration(Module &M, GlobalVariable *Descriptor) {
  appendToGlobalCtors(M,
                      descriptorCall(M, Descriptor, "lineprof.module_ctor",
                                     "__lineprof_register_module"),
                      /*Priority=*/1);
  appendToGlobalDtors(M,
                      descriptorCall(M, Descriptor, "lineprof.module_dtor",
                                     "__lineprof_unregister_module"),
                      /*Priority=*/1);
}

} // namespace

ProbeContext createModuleGlobals(Module &M, unsigned ModuleSlots) {
  LLVMContext &C = M.getContext();
  ProbeContext Ctx;
  Ctx.ModuleSlots = ModuleSlots;
  Ctx.Module = new GlobalVariable(M, moduleType(C), /*isConstant=*/false,
                                  GlobalValue::PrivateLinkage, nullptr,
                                  "lineprof.module");
  Type *BlockPtr = Type::getInt64Ty(C)->getPointerTo();
  Ctx.ThreadTls = new GlobalVariable(
      M, BlockPtr, false, GlobalValue::InternalLinkage,
      ConstantPointerNull::get(cast<PointerType>(BlockPtr)), "lineprof.block",
      nullptr, GlobalValue::GeneralDynamicTLSModel);
  Ctx.Detail = cast<GlobalVariable>(
      M.getOrInsertGlobal("__lineprof_detail", Type::getInt32Ty(C)));
  // The runtime, which defines the shadow stack, is part of the executable.
  // (The probes address it by byte offsets, so a declaration of it in the
  // program's own source, of whatever type, is the same variable.)
  Ctx.Stack = cast<GlobalVariable>(
      M.getOrInsertGlobal("__lineprof_stack",
                          ArrayType::get(Type::getInt8Ty(C),
                                         sizeof(struct lineprof_stack)))
          ->stripPointerCasts());
  Ctx.Stack->setThreadLocalMode(GlobalValue::InitialExecTLSModel);
  return Ctx;
}

namespace {

/// The pattern names and their matched flags, as two parallel arrays.
std::pair<Constant *, Constant *>
patternArrays(Module &M, const std::vector<std::pair<std::string, bool>> &P) {
  LLVMContext &C = M.getContext();
  std::vector<Constant *> Names, Matched;
  for (const auto &[Name, Found] : P) {
    Names.push_back(stringConstant(M, Name));
    Matched.push_back(ConstantInt::get(Type::getInt8Ty(C), Found));
  }
  Type *Str = Type::getInt8PtrTy(C);
  Constant *NameArray = privateConstant(
      M, ConstantArray::get(ArrayType::get(Str, Names.size()), Names),
      "lineprof.patterns");
  Constant *MatchedArray = privateConstant(
      M,
      ConstantArray::get(ArrayType::get(Type::getInt8Ty(C), Matched.size()),
                         Matched),
      "lineprof.pattern_matched");
  return {ConstantExpr::getPointerCast(NameArray, Str->getPointerTo()),
          ConstantExpr::getPointerCast(MatchedArray, Str)};
}

} // namespace

void finishModuleTables(
    Module &M, const ProbeContext &Ctx,
    const std::vector<FunctionTable> &Functions,
    const std::vector<std::pair<std::string, bool>> &Patterns) {
  LLVMContext &C = M.getContext();
  Type *I32 = Type::getInt32Ty(C);
  std::vector<Constant *> Entries, Lines;
  for (const FunctionTable &F : Functions) {
    Entries.push_back(functionEntry(M, F));
    for (unsigned L : F.Lines)
      Lines.push_back(ConstantInt::get(I32, L));
  }
  Constant *FuncArray = privateConstant(
      M, ConstantArray::get(ArrayType::get(functionType(C), Entries.size()),
                            Entries),
      "lineprof.functions");
  Constant *LineArray = privateConstant(
      M, ConstantArray::get(ArrayType::get(I32, Lines.size()), Lines),
      "lineprof.lines");
  auto [PatternNames, PatternMatched] = patternArrays(M, Patterns);
  Ctx.Module->setInitializer(ConstantStruct::get(
      moduleType(C),
      {ConstantInt::get(I32, LINEPROF_ABI_VERSION),
       ConstantInt::get(I32, Functions.size()),
       ConstantInt::get(I32, Ctx.ModuleSlots),
       ConstantInt::get(I32, Patterns.size()),
       ConstantExpr::getPointerCast(FuncArray, functionType(C)->getPointerTo()),
       ConstantExpr::getPointerCast(LineArray, I32->getPointerTo()),
       PatternNames, PatternMatched,
       ConstantPointerNull::get(Type::getInt8PtrTy(C)),
       ConstantInt::get(I32, Ctx.Exact ? LINEPROF_MODULE_EXACT : 0),
       ConstantInt::get(I32, 0)}));
  addRegistration(M, Ctx.Module);
}

} // namespace lineprof
