# Packaging.cmake - how other builds find lineprof: the CMake toolchain file
# (profile an unmodified CMake project), find_package(LineProf) (opt in per
# target), lineprof.pc (pkg-config), the lineprof(1) man page and the
# documentation it names (share/doc/lineprof). Each is
# usable from the build tree (build/lib/cmake/LineProf/, build/lib/pkgconfig/)
# and installed by `cmake --install`. Included from the top-level
# CMakeLists.txt after plugin/ and runtime/.
include(CMakePackageConfigHelpers)

set(LINEPROF_CLANGXX "${LLVM_TOOLS_BINARY_DIR}/clang++")
set(LINEPROF_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/LineProf")
set(LINEPROF_BUILD_CMAKE_DIR "${PROJECT_BINARY_DIR}/lib/cmake/LineProf")

# Build tree: absolute paths into the build and source trees (what
# `build/bin/lineprof cflags` prints).
set(LINEPROF_PATHS_PREFIX_CODE "# Build tree of ${PROJECT_SOURCE_DIR}.")
set(LINEPROF_PATHS_BINDIR "${PROJECT_BINARY_DIR}/bin")
set(LINEPROF_PATHS_LIBDIR "${PROJECT_BINARY_DIR}/lib")
set(LINEPROF_PATHS_INCLUDEDIR "${PROJECT_SOURCE_DIR}/include")
configure_file(${CMAKE_CURRENT_LIST_DIR}/LineProfPaths.cmake.in
  "${LINEPROF_BUILD_CMAKE_DIR}/LineProfPaths.cmake" @ONLY)

# Install prefix: relative to where the file is, so a prefix can be moved
# and `cmake --install --prefix DIR` works without reconfiguring.
file(RELATIVE_PATH LINEPROF_CMAKE_TO_PREFIX
  "/prefix/${LINEPROF_CMAKE_INSTALL_DIR}" "/prefix")
set(LINEPROF_PATHS_PREFIX_CODE
  "get_filename_component(_lineprof_prefix \"\${CMAKE_CURRENT_LIST_DIR}/${LINEPROF_CMAKE_TO_PREFIX}\" ABSOLUTE)")
set(LINEPROF_PATHS_BINDIR "\${_lineprof_prefix}/${CMAKE_INSTALL_BINDIR}")
set(LINEPROF_PATHS_LIBDIR "\${_lineprof_prefix}/${CMAKE_INSTALL_LIBDIR}")
set(LINEPROF_PATHS_INCLUDEDIR "\${_lineprof_prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/LineProfPaths.cmake.in
  "${PROJECT_BINARY_DIR}/cmake-install/LineProfPaths.cmake" @ONLY)

foreach(f lineprof-toolchain.cmake LineProfConfig.cmake)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/${f} "${LINEPROF_BUILD_CMAKE_DIR}/${f}" COPYONLY)
endforeach()
# 0.x: a minor version may change the interface.
write_basic_package_version_file("${LINEPROF_BUILD_CMAKE_DIR}/LineProfConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)

install(FILES
  ${CMAKE_CURRENT_LIST_DIR}/lineprof-toolchain.cmake
  ${CMAKE_CURRENT_LIST_DIR}/LineProfConfig.cmake
  "${LINEPROF_BUILD_CMAKE_DIR}/LineProfConfigVersion.cmake"
  "${PROJECT_BINARY_DIR}/cmake-install/LineProfPaths.cmake"
  DESTINATION ${LINEPROF_CMAKE_INSTALL_DIR})

# pkg-config: the build tree's lineprof.pc, and the installed one written at
# install time, when the real prefix (`--prefix`) is known, so that its
# Cflags/Libs are exactly what the installed `lineprof cflags/ldflags` print.
set(LINEPROF_PC_PREFIX "${PROJECT_BINARY_DIR}")
set(LINEPROF_PC_LIBDIR "\${prefix}/lib")
set(LINEPROF_PC_INCLUDEDIR "${PROJECT_SOURCE_DIR}/include")
configure_file(${CMAKE_CURRENT_LIST_DIR}/lineprof.pc.in
  "${PROJECT_BINARY_DIR}/lib/pkgconfig/lineprof.pc" @ONLY)
set(LINEPROF_PC_PREFIX "@LINEPROF_PC_PREFIX@")
set(LINEPROF_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
set(LINEPROF_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/lineprof.pc.in
  "${PROJECT_BINARY_DIR}/cmake-install/lineprof.pc.in" @ONLY)
# The file is written in a directory of its own per prefix: installs to
# different prefixes may run at the same time (the lit suite does).
install(CODE "
  set(LINEPROF_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  string(MD5 _lineprof_pc_dir \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}\")
  set(_lineprof_pc \"${PROJECT_BINARY_DIR}/cmake-install/pkgconfig-\${_lineprof_pc_dir}/lineprof.pc\")
  configure_file(\"${PROJECT_BINARY_DIR}/cmake-install/lineprof.pc.in\"
    \"\${_lineprof_pc}\" @ONLY)
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\"
    TYPE FILE FILES \"\${_lineprof_pc}\")")

install(FILES ${PROJECT_SOURCE_DIR}/docs/lineprof.1
  DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
# The documentation lineprof(1) points at, and the documents it links to
# (all of docs/), in share/doc/lineprof.
file(GLOB LINEPROF_DOCS CONFIGURE_DEPENDS "${PROJECT_SOURCE_DIR}/docs/*.md")
install(FILES ${LINEPROF_DOCS} ${PROJECT_SOURCE_DIR}/docs/lineprof.rng
  ${PROJECT_SOURCE_DIR}/docs/coverage-04.dtd
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
