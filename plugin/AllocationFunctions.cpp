//===- AllocationFunctions.cpp - The C library's allocation functions -----===//
#include "AllocationFunctions.h"

#include "llvm/ADT/STLExtras.h"

namespace lineprof {

const AllocationFunction *findAllocationFunction(llvm::StringRef Name) {
  static const AllocationFunction Functions[] = {
      {"malloc", -1, -1, 0b1, true},
      {"calloc", -1, -1, 0b11, true},
      {"realloc", -1, 0, 0b10, true},
      {"reallocarray", -1, 0, 0b110, true},
      {"aligned_alloc", -1, -1, 0b10, true},
      {"memalign", -1, -1, 0b10, true},
      {"valloc", -1, -1, 0b1, true},
      {"pvalloc", -1, -1, 0b1, true},
      {"posix_memalign", 0, -1, 0b100, true},
      {"strdup", -1, -1, 0, false},
      {"strndup", -1, -1, 0, false},
  };
  Name.consume_front("__builtin_");
  const auto *It = llvm::find_if(
      Functions, [&](const AllocationFunction &F) { return Name == F.Name; });
  return It == std::end(Functions) ? nullptr : It;
}

} // namespace lineprof
