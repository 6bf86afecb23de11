//===- AllocationFunctions.h - The C library's allocation functions -------===//
//
// The functions whose calls get an allocation site (AllocationTypes.cpp
// finds the C type they allocate, AllocationSites.cpp instruments them),
// and which of their arguments say what and how much they allocate.
//
//===----------------------------------------------------------------------===//
#ifndef LINEPROF_ALLOCATIONFUNCTIONS_H
#define LINEPROF_ALLOCATIONFUNCTIONS_H

#include "llvm/ADT/StringRef.h"

namespace lineprof {

struct AllocationFunction {
  const char *Name;
  /// -1: the block is the returned pointer; otherwise the index of the
  /// `void **` argument it is stored through, the call returning 0 on
  /// success (posix_memalign).
  int BlockOut;
  /// Index of the block being resized (realloc), or -1.
  int OldBlock;
  /// Bit I set: argument I is (a factor of) the size.
  unsigned SizeArgs;
  /// false for the string functions: their blocks are char buffers.
  bool Typed;
};

/// The allocation function called Name (a `__builtin_` prefix is ignored),
/// or null.
const AllocationFunction *findAllocationFunction(llvm::StringRef Name);

} // namespace lineprof

#endif
