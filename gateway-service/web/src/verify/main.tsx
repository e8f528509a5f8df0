import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { VerifyPage } from './VerifyPage';
import '../shared/styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <VerifyPage />
    </StrictMode>,
  );
}
