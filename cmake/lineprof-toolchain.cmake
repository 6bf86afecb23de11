# lineprof-toolchain.cmake - profile an unmodified CMake project.
#
#   cmake -DCMAKE_TOOLCHAIN_FILE=<prefix>/lib/cmake/LineProf/lineprof-toolchain.cmake \
#         -DLINEPROF_FUNCTIONS="deflate_slow;longest_match" ..
#
# compiles every C target with the lineprof plugin and links every
# executable, shared library and module with the lineprof runtime.
#
#   LINEPROF_FUNCTIONS  functions to profile, names or globs (a CMake list,
#                       or comma-separated): -fplugin-arg-lineprof-functions=
#   LINEPROF_FILES      every function defined in files matching these globs
#                       (CMake passes absolute paths: use "*/src/parser/*.c")
#   LINEPROF_ALL        ON: every function with line information
#   LINEPROF_EXACT      ON: exact-timing probes (-fplugin-arg-lineprof-exact),
#                       for exact line times and per-line memory; off, line
#                       times are sampled and the build costs less
#   LINEPROF_MEMORY     ON: frames for heap memory per line
#                       (-fplugin-arg-lineprof-memory), times sampled
#   LINEPROF_HITS       ON: hit counters alone (-fplugin-arg-lineprof-hits):
#                       exact Hits, no times, the cheapest build
#
# Functions marked LINEPROF_PROFILE in the source are profiled in any case.
# The options can be changed on a later configure of the same build tree.
#
# The C compiler is the clang of the LLVM lineprof was built with (a plugin
# only loads in its own clang); C++ uses the matching clang++. Without -g in
# the project's flags, -gline-tables-only gives the plugin line information.
#
# CMake reads a toolchain file several times (for the project and for each
# try_compile), so everything here must be safe to repeat.
include("${CMAKE_CURRENT_LIST_DIR}/LineProfPaths.cmake")

set(CMAKE_C_COMPILER "${LINEPROF_CLANG}")
if(EXISTS "${LINEPROF_CLANGXX}")
  set(CMAKE_CXX_COMPILER "${LINEPROF_CLANGXX}")
endif()

# First on the command line, so that a -g of the project (CMAKE_BUILD_TYPE
# Debug or RelWithDebInfo, or its own flags) comes later and wins.
set(CMAKE_C_FLAGS_INIT "-gline-tables-only")

# try_compile projects see only the variables listed here.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES
  LINEPROF_FUNCTIONS LINEPROF_FILES LINEPROF_ALL LINEPROF_EXACT LINEPROF_MEMORY
  LINEPROF_HITS)
list(REMOVE_DUPLICATES CMAKE_TRY_COMPILE_PLATFORM_VARIABLES)

# The plugin and the selection go into the top directory's compile options
# (not CMAKE_C_FLAGS, a cache entry set once): the project's own
# CMAKE_C_FLAGS cannot drop them, and a new LINEPROF_FUNCTIONS takes effect
# on the next configure. Once per CMake run: the file is read twice.
set(_lineprof_kinds 0)
foreach(_lineprof_switch EXACT MEMORY HITS)
  if(LINEPROF_${_lineprof_switch})
    math(EXPR _lineprof_kinds "${_lineprof_kinds} + 1")
  endif()
endforeach()
if(_lineprof_kinds GREATER 1)
  message(FATAL_ERROR "lineprof: LINEPROF_EXACT, LINEPROF_MEMORY and "
                      "LINEPROF_HITS exclude each other (exact times, memory "
                      "per line, or Hits only)")
endif()
get_property(_lineprof_applied GLOBAL PROPERTY LINEPROF_TOOLCHAIN_APPLIED)
if(NOT _lineprof_applied)
  set_property(GLOBAL PROPERTY LINEPROF_TOOLCHAIN_APPLIED TRUE)

  set(_lineprof_cflags "-fplugin=${LINEPROF_PLUGIN}" "-I${LINEPROF_INCLUDE_DIR}")
  foreach(_lineprof_switch ALL EXACT MEMORY HITS)
    if(LINEPROF_${_lineprof_switch})
      string(TOLOWER "${_lineprof_switch}" _lineprof_arg)
      list(APPEND _lineprof_cflags "-fplugin-arg-lineprof-${_lineprof_arg}")
    endif()
  endforeach()
  foreach(_lineprof_kind FUNCTIONS FILES)
    if(LINEPROF_${_lineprof_kind})
      string(REPLACE ";" "," _lineprof_list "${LINEPROF_${_lineprof_kind}}")
      string(TOLOWER "${_lineprof_kind}" _lineprof_arg)
      list(APPEND _lineprof_cflags
        "-fplugin-arg-lineprof-${_lineprof_arg}=${_lineprof_list}")
    endif()
  endforeach()
  foreach(_lineprof_flag IN LISTS _lineprof_cflags)
    add_compile_options("$<$<COMPILE_LANGUAGE:C>:${_lineprof_flag}>")
  endforeach()

  # The runtime, kept even under --as-needed (it may come before the
  # objects that use it), with its run path. Static libraries need nothing:
  # whatever links them links the runtime.
  add_link_options(
    "LINKER:--push-state,--no-as-needed" "${LINEPROF_RUNTIME}" "LINKER:--pop-state"
    "LINKER:-rpath,${LINEPROF_LIBDIR}" "-lpthread")

  if(NOT CMAKE_IN_TRY_COMPILE)
    if(NOT LINEPROF_ALL AND NOT LINEPROF_FUNCTIONS AND NOT LINEPROF_FILES)
      set(_lineprof_what "functions marked LINEPROF_PROFILE (set LINEPROF_FUNCTIONS, LINEPROF_FILES or LINEPROF_ALL to choose others)")
    else()
      list(JOIN _lineprof_cflags " " _lineprof_what)
      string(REGEX REPLACE "^.*-I[^ ]* ?" "" _lineprof_what "${_lineprof_what}")
    endif()
    message(STATUS "lineprof ${LINEPROF_VERSION} (LLVM ${LINEPROF_LLVM_VERSION}): profiling ${_lineprof_what}")
  endif()
endif()
