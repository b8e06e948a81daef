# tests/fuzz/fuzz.cmake — libFuzzer targets for the dataset parsers (IDX and CSV).
# Include it from the top-level CMakeLists.txt after enable_testing(). With clang and
# -DLOSSARENA_FUZZ=ON it builds fuzz_idx and fuzz_csv from the core sources they need,
# instrumented with -fsanitize=fuzzer,address,undefined, and registers short CTest runs labelled
# "fuzz". tests/fuzz/run.sh does the same outside CTest for longer runs.
option(LOSSARENA_FUZZ "Build the libFuzzer targets for the dataset parsers (clang only)" OFF)
set(LOSSARENA_FUZZ_SECONDS 20 CACHE STRING "Seconds each CTest fuzz run lasts")

if(LOSSARENA_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(WARNING "LOSSARENA_FUZZ needs clang (configure with CC=clang); fuzz targets skipped")
  elseif(LOSSARENA_SANITIZE MATCHES "thread")
    message(WARNING "LOSSARENA_FUZZ cannot be combined with the thread sanitizer; skipped")
  else()
    if(NOT TARGET PkgConfig::ZLIB)
      find_package(PkgConfig REQUIRED)
      pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
    endif()
    set(LA_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
    set(LA_FUZZ_CORE ${CMAKE_SOURCE_DIR}/core/dataset.c ${CMAKE_SOURCE_DIR}/core/dataset_idx.c
                     ${CMAKE_SOURCE_DIR}/core/dataset_csv.c ${CMAKE_SOURCE_DIR}/core/rng.c ${CMAKE_SOURCE_DIR}/core/memory_budget.c
                     ${CMAKE_SOURCE_DIR}/core/status.c)
    foreach(kind idx csv)
      set(la_fuzz_work ${CMAKE_BINARY_DIR}/fuzz/${kind})
      file(MAKE_DIRECTORY ${la_fuzz_work}/corpus ${la_fuzz_work}/artifacts)
      add_executable(fuzz_${kind} ${LA_FUZZ_DIR}/fuzz_${kind}.c ${LA_FUZZ_CORE})
      set_target_properties(fuzz_${kind} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
      target_include_directories(fuzz_${kind} PRIVATE ${CMAKE_SOURCE_DIR})
      target_compile_definitions(fuzz_${kind} PRIVATE _POSIX_C_SOURCE=200809L)
      target_compile_options(fuzz_${kind} PRIVATE -fsanitize=fuzzer,address,undefined
                             -fno-sanitize-recover=all -fno-omit-frame-pointer)
      target_link_options(fuzz_${kind} PRIVATE -fsanitize=fuzzer,address,undefined)
      target_link_libraries(fuzz_${kind} PRIVATE PkgConfig::ZLIB m)
      # The writable corpus comes first: libFuzzer adds new inputs there, never to the seeds.
      add_test(NAME fuzz_${kind}
               COMMAND fuzz_${kind} -max_total_time=${LOSSARENA_FUZZ_SECONDS} -timeout=10
                       -rss_limit_mb=2048 -dict=${LA_FUZZ_DIR}/${kind}.dict
                       -artifact_prefix=${la_fuzz_work}/artifacts/
                       ${la_fuzz_work}/corpus ${LA_FUZZ_DIR}/corpus_${kind})
      math(EXPR la_fuzz_timeout "${LOSSARENA_FUZZ_SECONDS} + 120")
      set_tests_properties(fuzz_${kind} PROPERTIES LABELS fuzz TIMEOUT ${la_fuzz_timeout})
    endforeach()
  endif()
endif()
