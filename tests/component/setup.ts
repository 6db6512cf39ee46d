import "@testing-library/jest-dom/vitest";
import { cleanup } from "@solidjs/testing-library";
import { afterEach } from "vitest";

// The library only unmounts automatically when vitest globals are on; they are off here.
afterEach(cleanup);

// The router scrolls to the top on navigation; jsdom has no layout and only logs "not implemented".
window.scrollTo = () => {};

// solid-toast animates its built-in toasts (toast.error) with the Web Animations API, which jsdom lacks.
if (typeof Element.prototype.animate !== "function") {
  Element.prototype.animate = function animate() {
    return { finished: Promise.resolve(), cancel() {}, finish() {} } as unknown as Animation;
  };
}
