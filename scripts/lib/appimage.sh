# Builds Sluice's AppImage with nothing from the network (Tauri's AppImage step downloads
# linuxdeploy from GitHub). Sourced after setup.sh. The image holds the app, WebKitGTK's
# helper processes and every library they load except the host's own stack
# (packaging/appimage/excludelist); the runtime in front of it is packaging/appimage/runtime.c.

APPIMAGE_PACKAGES=(squashfs-tools patchelf gcc libsquashfuse-dev libfuse3-dev libzstd-dev
  liblzma-dev liblz4-dev liblzo2-dev zlib1g-dev fuse3 file)
APPIMAGE_SRC="$ROOT/packaging/appimage"

# The runtime: static squashfuse and libfuse3, dynamic glibc only.
build_appimage_runtime() {
  local out=$1
  gcc -O2 -Wall -Wextra -Werror -o "$out" "$APPIMAGE_SRC/runtime.c" -I/usr/include/squashfuse \
    -Wl,-Bstatic -lsquashfuse_ll -lsquashfuse -lfuse3 -lzstd -llzma -llz4 -llzo2 -lz \
    -Wl,-Bdynamic -lpthread -ldl
  strip "$out"
  # AppImage type 2 magic ("AI", 2) in the ELF header's padding, at offset 8.
  printf 'AI\002' | dd of="$out" bs=1 seek=8 conv=notrunc status=none
}

# Every library that the ELF files given need, transitively (ldd resolves the whole tree),
# copied under its soname into `lib` unless the host provides it (the excludelist).
bundle_deps_of() {
  local lib=$1 file dep name
  shift
  local -A host=()
  while read -r name; do host[$name]=1; done < <(grep -v -e '^#' -e '^$' "$APPIMAGE_SRC/excludelist")
  for file in "$@"; do
    while read -r dep; do
      name=$(basename "$dep")
      [ -n "${host[$name]:-}" ] || [ -e "$lib/$name" ] || cp -L "$dep" "$lib/$name"
    done < <(ldd "$file" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }')
  done
}

# build_appimage BIN OUT: BIN is the app binary (release, or a debug build for the tests).
build_appimage() {
  local bin=$1 out=$2 arch work appdir lib wk f
  arch=$(gcc -print-multiarch)
  work=$(mktemp -d)
  appdir="$work/Sluice.AppDir"
  lib="$appdir/usr/lib"
  wk="$lib/$arch/webkit2gtk-4.1"
  mkdir -p "$appdir/usr/bin" "$wk/injected-bundle" "$lib/gdk-pixbuf-loaders" "$lib/gio-modules" \
    "$appdir/usr/share/applications" "$appdir/usr/share/icons/hicolor/128x128/apps" \
    "$appdir/usr/share/glib-2.0/schemas"

  # The app, its desktop entry (the link scheme, %u) and icon.
  objcopy --strip-debug "$bin" "$appdir/usr/bin/sluice-app"
  cp "$APPIMAGE_SRC/sluice-app.desktop" "$appdir/usr/share/applications/"
  cp "$APPIMAGE_SRC/sluice-app.desktop" "$appdir/"
  cp "$ROOT/src-tauri/icons/128x128.png" "$appdir/usr/share/icons/hicolor/128x128/apps/sluice-app.png"
  cp "$ROOT/src-tauri/icons/128x128.png" "$appdir/sluice-app.png"
  ln -s sluice-app.png "$appdir/.DirIcon"
  install -m755 "$APPIMAGE_SRC/AppRun" "$appdir/AppRun"

  # WebKit's helper processes, at the path the library expects below usr/.
  local sys_wk="/usr/lib/$arch/webkit2gtk-4.1"
  for f in WebKitWebProcess WebKitNetworkProcess WebKitGPUProcess; do
    [ -x "$sys_wk/$f" ] && cp "$sys_wk/$f" "$wk/"
  done
  cp "$sys_wk/injected-bundle/libwebkit2gtkinjectedbundle.so" "$wk/injected-bundle/"

  # What is loaded at run time rather than linked: the tray library, the image loader for
  # GTK's SVG icons, and GIO's TLS module.
  cp -L "/usr/lib/$arch/libayatana-appindicator3.so.1" "$lib/"
  # (PNG is built into gdk-pixbuf on Debian; SVG is librsvg's loader.)
  cp "/usr/lib/$arch/gdk-pixbuf-2.0/2.10.0/loaders/libpixbufloader-svg.so" "$lib/gdk-pixbuf-loaders/"
  cp "/usr/lib/$arch/gio/modules/libgiognutls.so" "$lib/gio-modules/"

  bundle_deps_of "$lib" "$appdir/usr/bin/sluice-app" "$wk"/WebKit* "$wk/injected-bundle/"*.so \
    "$lib/libayatana-appindicator3.so.1" "$lib/gdk-pixbuf-loaders/"*.so "$lib/gio-modules/"*.so

  # The loaders cache names its modules relative to GDK_PIXBUF_MODULEDIR (set by AppRun).
  GDK_PIXBUF_MODULEDIR="$lib/gdk-pixbuf-loaders" \
    "/usr/lib/$arch/gdk-pixbuf-2.0/gdk-pixbuf-query-loaders" "$lib/gdk-pixbuf-loaders/"*.so \
    | sed "s|$lib/gdk-pixbuf-loaders/||" >"$lib/gdk-pixbuf-loaders/loaders.cache"
  cp /usr/share/glib-2.0/schemas/*.xml "$appdir/usr/share/glib-2.0/schemas/" 2>/dev/null || true
  glib-compile-schemas "$appdir/usr/share/glib-2.0/schemas"

  # WebKit finds its helpers and injected bundle by absolute /usr paths compiled in. Same
  # length "././" makes them relative to the working directory, which AppRun sets to usr/.
  sed -i 's|/usr|././|g' "$lib"/libwebkit2gtk-4.1.so.*

  # Each ELF file finds the bundled libraries next to it, not through LD_LIBRARY_PATH,
  # which would leak into the shells the app's terminals start.
  patchelf --set-rpath '$ORIGIN/../lib' "$appdir/usr/bin/sluice-app"
  for f in "$lib"/*.so*; do patchelf --set-rpath '$ORIGIN' "$f"; done
  for f in "$lib/gdk-pixbuf-loaders/"*.so "$lib/gio-modules/"*.so; do
    patchelf --set-rpath '$ORIGIN/..' "$f"
  done
  for f in "$wk"/WebKit*; do patchelf --set-rpath '$ORIGIN/../..' "$f"; done
  patchelf --set-rpath '$ORIGIN/../../..' "$wk/injected-bundle/libwebkit2gtkinjectedbundle.so"

  build_appimage_runtime "$work/runtime"
  # LZ4 over zstd: the file is 35 % larger but the app starts in about two thirds of the
  # time, since every start reads its libraries through the mount again (README).
  mksquashfs "$appdir" "$work/image.sqfs" -root-owned -noappend -comp lz4 -Xhc -quiet -no-progress
  cat "$work/runtime" "$work/image.sqfs" >"$out"
  chmod 755 "$out"
  rm -rf "$work"
}
