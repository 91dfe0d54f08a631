// Files imported as text (vite's ?raw), such as the shell-integration scripts.
declare module '*?raw' {
  const text: string;
  export default text;
}
