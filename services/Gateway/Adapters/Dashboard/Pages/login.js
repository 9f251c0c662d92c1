import { signIn } from "./session.js";

document.getElementById("sign-in").addEventListener("submit", event => {
  event.preventDefault();
  const home = signIn(document.getElementById("token").value.trim());
  if (home) {
    location.assign(home);
  } else {
    document.getElementById("message").textContent = "That is not a valid, unexpired token for a customer, an engineer or staff.";
  }
});
