// Entry point of the web UI: mounts the app into index.html.
import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { applyTheme, savedTheme } from "./lib/theme";

// Before the first paint, so a dark choice never flashes light.
applyTheme(savedTheme());

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

export default mount(App, { target });
