# embed.cmake — compiles the assets into the binary, so the program needs no data directory.
# Included by the top-level CMakeLists.txt. Sets LA_ASSET_SOURCES to generated C files under
# ${CMAKE_BINARY_DIR}/generated, each defining `const unsigned char NAME[]` (NUL-terminated)
# and `const size_t NAME_len`. Pure CMake: the files are regenerated at build time whenever
# the asset (or this script) changes.

set(LA_ASSET_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LA_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${LA_GENERATED_DIR})

# la_embed_asset(<asset file> <C symbol>): appends the generated source to LA_ASSET_SOURCES.
function(la_embed_asset asset symbol)
  set(out ${LA_GENERATED_DIR}/${symbol}.c)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${asset} -DOUT=${out} -DSYMBOL=${symbol}
            -P ${LA_ASSET_DIR}/embed_file.cmake
    DEPENDS ${asset} ${LA_ASSET_DIR}/embed_file.cmake
    COMMENT "Embedding ${asset}"
    VERBATIM)
  set(LA_ASSET_SOURCES ${LA_ASSET_SOURCES} ${out} PARENT_SCOPE)
endfunction()

set(LA_ASSET_SOURCES "")
la_embed_asset(${LA_ASSET_DIR}/lossarena-sans.font la_asset_font)

# Lesson presets: option files read by --preset NAME (src/presets.c lists them).
foreach(preset speed spiral-speed label-noise input-noise combined-noise noisy-spiral lecture)
  string(REPLACE "-" "_" sym ${preset})
  la_embed_asset(${LA_ASSET_DIR}/presets/${preset}.preset la_asset_preset_${sym})
endforeach()
