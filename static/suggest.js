// As-you-type suggestions for the catalogue search box. The page works without this: it only fills the
// <datalist> the input already points at.
(function () {
  const input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  const list = document.getElementById(input.getAttribute("list"));
  let timer = null;
  let last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(async function () {
      const q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      try {
        const response = await fetch(input.dataset.suggest + "?q=" + encodeURIComponent(q), {credentials: "same-origin"});
        if (!response.ok) return;
        const words = await response.json();
        list.replaceChildren(...words.map(function (word) {
          const option = document.createElement("option");
          option.value = word;
          return option;
        }));
      } catch (error) {
        // Suggestions are a convenience; the search itself still works.
      }
    }, 150);
  });
})();
