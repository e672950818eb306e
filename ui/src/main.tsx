import "./format/language";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { FirstPaint } from "./features/desktop/FirstPaint";
import { applyTheme, loadTheme } from "./features/settings/theme";
import "./styles/theme.css";
import "./styles/shell.css";

applyTheme(document.documentElement, loadTheme(window.localStorage));

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
      <FirstPaint />
    </StrictMode>,
  );
}
