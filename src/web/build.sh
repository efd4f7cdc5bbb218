#!/bin/sh
# build.sh - build the page: foitab's C sources, with libcsv, zlib,
# expat and libzip from Debian's own source packages, compiled to
# WebAssembly by Debian's emscripten and put inside one HTML file.
#
#   sh src/web/build.sh BUILD OUT VERSION SOURCE...
#
# BUILD/web holds the fetched sources and the libraries built from them
# (each built once); OUT is the page; SOURCE... are foitab's C files,
# main.c among them, exactly as the program is linked from them.
set -eu
build=$1
out=$2
version=$3
shift 3
web=$build/web
here=$(dirname "$0")
export NODE_PATH=/usr/share/nodejs   # emscripten's optimiser needs it

mkdir -p "$web"
sh "$here/source.sh" "$web" libcsv zlib expat libzip
src=$(cd "$web/src" && pwd)
lib=$web/lib
mkdir -p "$lib"
lib=$(cd "$lib" && pwd)

# zlib: its C files, as its own Makefile lists them.
if [ ! -s "$lib/libz.a" ]; then
	mkdir -p "$lib/zlib"
	for f in adler32 compress crc32 deflate infback inffast inflate \
		 inftrees trees uncompr zutil; do
		emcc -O2 -c "$src/zlib/$f.c" -o "$lib/zlib/$f.o"
	done
	emar rcs "$lib/libz.a" "$lib"/zlib/*.o
fi

# expat and libzip through their own CMake builds.
if [ ! -s "$lib/expat/libexpat.a" ]; then
	emcmake cmake -S "$src/expat/expat" -B "$lib/expat" \
		-DEXPAT_BUILD_TOOLS=OFF -DEXPAT_BUILD_EXAMPLES=OFF \
		-DEXPAT_BUILD_TESTS=OFF -DEXPAT_SHARED_LIBS=OFF \
		-DEXPAT_BUILD_DOCS=OFF -DEXPAT_BUILD_PKGCONFIG=OFF \
		>"$lib/expat.log" 2>&1 &&
	# Debian's security patches test "XML_DTD == 1", as its autotools
	# build defines it; CMake's header defines it empty.
	sed -i 's/^#define XML_DTD$/#define XML_DTD 1/; s/^#define XML_NS$/#define XML_NS 1/' \
		"$lib/expat/expat_config.h" &&
	emmake make -C "$lib/expat" expat >>"$lib/expat.log" 2>&1 || {
		tail -n 30 "$lib/expat.log" >&2
		echo "build.sh: expat did not build (above)" >&2
		exit 1
	}
fi
if [ ! -s "$lib/libzip/lib/libzip.a" ]; then
	# Emscripten's CMake answers type sizes wrongly: they are given.
	emcmake cmake -S "$src/libzip" -B "$lib/libzip" \
		-DBUILD_SHARED_LIBS=OFF -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF \
		-DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF \
		-DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF \
		-DENABLE_MBEDTLS=OFF -DENABLE_OPENSSL=OFF \
		-DENABLE_WINDOWS_CRYPTO=OFF -DENABLE_BZIP2=OFF \
		-DENABLE_LZMA=OFF -DENABLE_ZSTD=OFF \
		-DZLIB_INCLUDE_DIR="$src/zlib" -DZLIB_LIBRARY="$lib/libz.a" \
		-DHAVE_SIZEOF_OFF_T=TRUE -DSIZEOF_OFF_T=8 \
		-DHAVE_SIZEOF_SIZE_T=TRUE -DSIZEOF_SIZE_T=4 \
		>"$lib/libzip.log" 2>&1 &&
	emmake make -C "$lib/libzip" zip >>"$lib/libzip.log" 2>&1 || {
		tail -n 30 "$lib/libzip.log" >&2
		echo "build.sh: libzip did not build (above)" >&2
		exit 1
	}
fi

# The engine: foitab's own sources and libcsv's one file.  Its main()
# is run by the page once per command, in memory (no threads: -j 1).
emcc -O2 -std=c11 -Wall -Wextra -Werror -D_DEFAULT_SOURCE -Iinclude \
	-isystem "$src/libcsv" -isystem "$src/zlib" \
	-isystem "$src/expat/expat/lib" -isystem "$lib/expat" \
	-isystem "$src/libzip/lib" -isystem "$lib/libzip" \
	"$@" "$src/libcsv/libcsv.c" \
	"$lib/libzip/lib/libzip.a" "$lib/expat/libexpat.a" "$lib/libz.a" \
	-sENVIRONMENT=web -sSINGLE_FILE=1 -sMODULARIZE=1 \
	-sEXPORT_NAME=createFoitab -sINVOKE_RUN=0 -sEXIT_RUNTIME=0 \
	-sALLOW_MEMORY_GROWTH=1 -sFORCE_FILESYSTEM=1 \
	-sEXPORTED_RUNTIME_METHODS=callMain,FS -sEXPORTED_FUNCTIONS=_main,_umask \
	-o "$web/engine.js"

# One file: the page, the engine (its wasm inside it) and the page's code.
if grep -qi '</script' "$web/engine.js" "$here/page.js"; then
	echo "build.sh: a script holds </script>; the page cannot inline it" >&2
	exit 1
fi
awk -v engine="$web/engine.js" -v page="$here/page.js" -v version="$version" '
	function put(file,  line) {
		while ((getline line < file) > 0)
			print line
		close(file)
	}
	/^@ENGINE@$/ { put(engine); next }
	/^@PAGE@$/ { put(page); next }
	{ gsub(/@VERSION@/, version); print }
' "$here/page.html" >"$out.tmp"
mv "$out.tmp" "$out"
