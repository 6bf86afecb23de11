# LineProfConfig.cmake - find_package(LineProf) for projects that opt in per
# target:
#
#   find_package(LineProf 0.1 REQUIRED)
#   target_link_libraries(app PRIVATE LineProf::profile)
#   target_compile_options(app PRIVATE -fplugin-arg-lineprof-functions=hot)
#
# Imported targets:
#   LineProf::profile  compile the target's C sources with the plugin (plus
#                      -gline-tables-only unless the build has -g), include
#                      <lineprof.h>, link the runtime
#   LineProf::runtime  the runtime library alone (and <lineprof.h>)
# Variables: LINEPROF_CLANG (the clang to compile with), LINEPROF_PLUGIN,
# LINEPROF_RUNTIME, LINEPROF_INCLUDE_DIR, LINEPROF_EXECUTABLE,
# LINEPROF_LLVM_VERSION.
#
# The plugin only loads in the clang of its own LLVM: configure the project
# with -DCMAKE_C_COMPILER=<LINEPROF_CLANG> (or use lineprof-toolchain.cmake).
# With another C compiler LineProf is not found, and the message says why.
include("${CMAKE_CURRENT_LIST_DIR}/LineProfPaths.cmake")

if(NOT CMAKE_C_COMPILER_LOADED)
  set(LineProf_FOUND FALSE)
  set(LineProf_NOT_FOUND_MESSAGE
    "LineProf profiles C code: enable C (project(... LANGUAGES C)) before find_package(LineProf)")
  return()
endif()
if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang" OR
   NOT CMAKE_C_COMPILER_VERSION VERSION_GREATER_EQUAL "${LINEPROF_LLVM_VERSION_MAJOR}" OR
   CMAKE_C_COMPILER_VERSION VERSION_GREATER_EQUAL "${LINEPROF_LLVM_VERSION_MAJOR}.99999")
  set(LineProf_FOUND FALSE)
  set(LineProf_NOT_FOUND_MESSAGE
    "the lineprof plugin was built for clang ${LINEPROF_LLVM_VERSION} but the C compiler is ${CMAKE_C_COMPILER_ID} ${CMAKE_C_COMPILER_VERSION}; configure with -DCMAKE_C_COMPILER=${LINEPROF_CLANG}")
  return()
endif()

include(CMakeFindDependencyMacro)
find_dependency(Threads)

if(NOT TARGET LineProf::runtime)
  add_library(LineProf::runtime SHARED IMPORTED)
  set_target_properties(LineProf::runtime PROPERTIES
    IMPORTED_LOCATION "${LINEPROF_RUNTIME}"
    IMPORTED_SONAME "liblineprof_rt.so"
    INTERFACE_INCLUDE_DIRECTORIES "${LINEPROF_INCLUDE_DIR}"
    # Like `lineprof ldflags`: the program finds the runtime once installed.
    INTERFACE_LINK_OPTIONS "LINKER:-rpath,${LINEPROF_LIBDIR}"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()

if(NOT TARGET LineProf::profile)
  add_library(LineProf::profile INTERFACE IMPORTED)
  set(_lineprof_options "$<$<COMPILE_LANGUAGE:C>:-fplugin=${LINEPROF_PLUGIN}>")
  # Line information, unless the flags already have -g: coming after
  # CMAKE_C_FLAGS_<CONFIG>, a -gline-tables-only would override their -g.
  if(NOT " ${CMAKE_C_FLAGS} " MATCHES " -g")
    list(APPEND _lineprof_options
      "$<$<AND:$<COMPILE_LANGUAGE:C>,$<NOT:$<OR:$<CONFIG:Debug>,$<CONFIG:RelWithDebInfo>>>>:-gline-tables-only>")
  endif()
  set_target_properties(LineProf::profile PROPERTIES
    INTERFACE_COMPILE_OPTIONS "${_lineprof_options}"
    INTERFACE_LINK_LIBRARIES LineProf::runtime)
  unset(_lineprof_options)
endif()
