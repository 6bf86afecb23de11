//===- ModuleTables.cpp - The tables an instrumented module carries -------===//
//
// The struct types and initializers of struct lineprof_module and struct
// lineprof_function are expanded from their one declaration,
// runtime/abi/lineprof_abi_tables.inc, as rt_abi.h's C structs are; each
// initializer is given field by field, by name.
//
//===----------------------------------------------------------------------===//
#include "ModuleTables.h"

#include "rt_abi.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

#include <tuple>

using namespace llvm;

namespace lineprof {
namespace {

/// The IR types of lineprof_abi_tables.inc's kinds.
enum class FieldKind {
  U32,
  STR,
  FUNCTIONS,
  CALL_SITES,
  DERIVED,
  U32_PTR,
  STR_PTR,
  U8_PTR,
  PTR
};

StructType *functionType(LLVMContext &C);
StructType *callSiteType(LLVMContext &C);
StructType *derivedType(LLVMContext &C);

Type *fieldType(LLVMContext &C, FieldKind Kind) {
  switch (Kind) {
  case FieldKind::U32:
    return Type::getInt32Ty(C);
  case FieldKind::STR:
  case FieldKind::PTR:
    return Type::getInt8PtrTy(C);
  case FieldKind::FUNCTIONS:
    return functionType(C)->getPointerTo();
  case FieldKind::CALL_SITES:
    return callSiteType(C)->getPointerTo();
  case FieldKind::DERIVED:
    return derivedType(C)->getPointerTo();
  case FieldKind::U32_PTR:
    return Type::getInt32Ty(C)->getPointerTo();
  case FieldKind::STR_PTR:
    return Type::getInt8PtrTy(C)->getPointerTo();
  case FieldKind::U8_PTR:
    return Type::getInt8PtrTy(C);
  }
  llvm_unreachable("every kind has a type");
}

#define IR_FIELD_TYPE(Kind, CType, Name) fieldType(C, FieldKind::Kind),
#define IR_FIELD_VALUE(Kind, CType, Name) V.Name,
#define IR_FIELD_MEMBER(Kind, CType, Name) Constant *Name = nullptr;

StructType *functionType(LLVMContext &C) {
  return StructType::get(C, {LINEPROF_FUNCTION_FIELDS(IR_FIELD_TYPE)});
}

StructType *callSiteType(LLVMContext &C) {
  return StructType::get(C, {LINEPROF_CALL_SITE_FIELDS(IR_FIELD_TYPE)});
}

StructType *derivedType(LLVMContext &C) {
  return StructType::get(C, {LINEPROF_DERIVED_FIELDS(IR_FIELD_TYPE)});
}

StructType *moduleType(LLVMContext &C) {
  return StructType::get(C, {LINEPROF_MODULE_FIELDS(IR_FIELD_TYPE)});
}

/// The initializers' fields, set by name.
struct FunctionValues {
  LINEPROF_FUNCTION_FIELDS(IR_FIELD_MEMBER)
};
struct CallSiteValues {
  LINEPROF_CALL_SITE_FIELDS(IR_FIELD_MEMBER)
};
struct DerivedValues {
  LINEPROF_DERIVED_FIELDS(IR_FIELD_MEMBER)
};
struct ModuleValues {
  LINEPROF_MODULE_FIELDS(IR_FIELD_MEMBER)
};

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
  FunctionValues V;
  V.name = stringConstant(M, F.Name);
  V.file = stringConstant(M, F.File);
  V.path = stringConstant(M, F.Path);
  V.first_line = U32(F.FirstLine);
  V.last_line = U32(F.LastLine);
  V.first_slot = U32(F.FirstSlot);
  V.nslots = U32(F.Lines.size());
  return ConstantStruct::get(functionType(C),
                             {LINEPROF_FUNCTION_FIELDS(IR_FIELD_VALUE)});
}

Constant *callSiteEntry(Module &M, const CallSiteTable &S) {
  LLVMContext &C = M.getContext();
  auto U32 = [&](unsigned V) { return ConstantInt::get(Type::getInt32Ty(C), V); };
  CallSiteValues V;
  V.callee = stringConstant(M, S.Callee);
  V.caller = U32(S.Caller);
  V.line = U32(S.Line);
  V.slot = U32(S.Slot);
  return ConstantStruct::get(callSiteType(C),
                             {LINEPROF_CALL_SITE_FIELDS(IR_FIELD_VALUE)});
}

Constant *derivedEntry(LLVMContext &C, const DerivedHit &D) {
  auto U32 = [&](unsigned V) { return ConstantInt::get(Type::getInt32Ty(C), V); };
  DerivedValues V;
  V.slot = U32(D.Slot);
  V.first = U32(D.First);
  V.second = U32(D.Second);
  return ConstantStruct::get(derivedType(C),
                             {LINEPROF_DERIVED_FIELDS(IR_FIELD_VALUE)});
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

/// Name(params of Target without its descriptor parameter), internal: calls
/// Target with the descriptor at DescriptorAt and returns what it returns.
/// The instrumented functions call this entry instead of Target: a function
/// that refers to the descriptor makes LLVM's call graph walk all of its
/// tables, each time the function is visited (visitReferences follows a
/// global's initializer), which made compiling SQLite's 3,276 functions
/// take 2.9x the plain compile instead of 1.34x. Never inlined, for the
/// same reason; the descriptor is touched by the runtime alone.
Function *descriptorEntry(Module &M, GlobalVariable *Descriptor,
                          StringRef Name, FunctionCallee Target,
                          unsigned DescriptorAt) {
  FunctionType *TargetType = Target.getFunctionType();
  SmallVector<Type *, 4> Params(TargetType->param_begin(),
                                TargetType->param_end());
  Params.erase(Params.begin() + DescriptorAt);
  Function *F = Function::Create(
      FunctionType::get(TargetType->getReturnType(), Params, false),
      GlobalValue::InternalLinkage, Name, M);
  F->addFnAttr(Attribute::NoInline);
  F->setDoesNotThrow();
  F->addFnAttr(Attribute::WillReturn);
  F->setOnlyAccessesInaccessibleMemOrArgMem();
  IRBuilder<> B(BasicBlock::Create(M.getContext(), "", F));
  SmallVector<Value *, 5> Args;
  for (Argument &A : F->args())
    Args.push_back(&A);
  Args.insert(Args.begin() + DescriptorAt, Descriptor);
  CallInst *Call = B.CreateCall(Target, Args);
  if (F->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
  return F;
}

/// The module's entries to the runtime calls that take its descriptor.
void addDescriptorEntries(Module &M, ProbeContext &Ctx) {
  LLVMContext &C = M.getContext();
  Type *I64Ptr = Type::getInt64PtrTy(C);
  Ctx.ThreadBlock = descriptorEntry(
      M, Ctx.Module, "lineprof.thread_block",
      runtimeFunction(M, "__lineprof_thread_block", I64Ptr,
                      {Ctx.Module->getType(), Ctx.ThreadTls->getType()}),
      0);
  Ctx.ThreadBlock->addFnAttr(Attribute::Cold); // once per thread
  if (!Ctx.exact())
    return;
  Ctx.TimedEnter = descriptorEntry(
      M, Ctx.Module, "lineprof.timed_enter",
      runtimeFunction(M, "__lineprof_timed_enter", Type::getInt32Ty(C),
                      {I64Ptr, Ctx.Module->getType(), I64Ptr,
                       Type::getInt32Ty(C), Type::getInt8PtrTy(C)}),
      1);
}

} // namespace

ProbeContext createModuleGlobals(Module &M, unsigned ModuleSlots,
                                 ProbeKind Kind) {
  LLVMContext &C = M.getContext();
  ProbeContext Ctx;
  Ctx.ModuleSlots = ModuleSlots;
  Ctx.Kind = Kind;
  Ctx.Module = new GlobalVariable(M, moduleType(C), /*isConstant=*/false,
                                  GlobalValue::PrivateLinkage, nullptr,
                                  "lineprof.module");
  Type *BlockPtr = Type::getInt64Ty(C)->getPointerTo();
  Ctx.ThreadTls = new GlobalVariable(
      M, BlockPtr, false, GlobalValue::InternalLinkage,
      ConstantPointerNull::get(cast<PointerType>(BlockPtr)), "lineprof.block",
      nullptr, GlobalValue::GeneralDynamicTLSModel);
  if (Ctx.hits()) { // the probes read neither the mode nor the shadow stack
    addDescriptorEntries(M, Ctx);
    return Ctx;
  }
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
  addDescriptorEntries(M, Ctx);
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
    Module &M, const ProbeContext &Ctx, StringRef Source,
    const std::vector<FunctionTable> &Functions,
    const std::vector<CallSiteTable> &Calls,
    const std::vector<DerivedHit> &Derived,
    const std::vector<std::pair<std::string, bool>> &Patterns) {
  LLVMContext &C = M.getContext();
  Type *I32 = Type::getInt32Ty(C);
  std::vector<Constant *> Entries, Lines, Sites, Derivations;
  for (const FunctionTable &F : Functions) {
    Entries.push_back(functionEntry(M, F));
    for (unsigned L : F.Lines)
      Lines.push_back(ConstantInt::get(I32, L));
  }
  for (const CallSiteTable &S : Calls) { // their slots come after the lines
    Sites.push_back(callSiteEntry(M, S));
    Lines.push_back(ConstantInt::get(I32, S.Line));
  }
  Constant *FuncArray = privateConstant(
      M, ConstantArray::get(ArrayType::get(functionType(C), Entries.size()),
                            Entries),
      "lineprof.functions");
  Constant *SiteArray = privateConstant(
      M, ConstantArray::get(ArrayType::get(callSiteType(C), Sites.size()),
                            Sites),
      "lineprof.call_sites");
  for (const DerivedHit &D : Derived)
    Derivations.push_back(derivedEntry(C, D));
  Constant *DerivedArray = privateConstant(
      M,
      ConstantArray::get(ArrayType::get(derivedType(C), Derivations.size()),
                         Derivations),
      "lineprof.derived");
  Constant *LineArray = privateConstant(
      M, ConstantArray::get(ArrayType::get(I32, Lines.size()), Lines),
      "lineprof.lines");
  ModuleValues V;
  std::tie(V.patterns, V.pattern_matched) = patternArrays(M, Patterns);
  V.abi_version = ConstantInt::get(I32, LINEPROF_ABI_VERSION);
  V.nfunctions = ConstantInt::get(I32, Functions.size());
  V.nslots = ConstantInt::get(I32, Ctx.ModuleSlots);
  V.npatterns = ConstantInt::get(I32, Patterns.size());
  V.source = stringConstant(M, Source);
  V.functions = ConstantExpr::getPointerCast(
      FuncArray, fieldType(C, FieldKind::FUNCTIONS));
  V.lines =
      ConstantExpr::getPointerCast(LineArray, fieldType(C, FieldKind::U32_PTR));
  V.runtime = ConstantPointerNull::get(Type::getInt8PtrTy(C));
  static const unsigned Flags[] = {
      /*Unwound*/ LINEPROF_MODULE_UNWOUND, /*Frames*/ 0,
      /*Exact*/ LINEPROF_MODULE_EXACT, /*Hits*/ LINEPROF_MODULE_HITS};
  V.flags = ConstantInt::get(I32, Flags[static_cast<unsigned>(Ctx.Kind)]);
  V.ncall_sites = ConstantInt::get(I32, Calls.size());
  V.call_sites = ConstantExpr::getPointerCast(
      SiteArray, fieldType(C, FieldKind::CALL_SITES));
  V.nderived = ConstantInt::get(I32, Derived.size());
  V.derived = ConstantExpr::getPointerCast(DerivedArray,
                                           fieldType(C, FieldKind::DERIVED));
  Ctx.Module->setInitializer(ConstantStruct::get(
      moduleType(C), {LINEPROF_MODULE_FIELDS(IR_FIELD_VALUE)}));
  addRegistration(M, Ctx.Module);
}

} // namespace lineprof
