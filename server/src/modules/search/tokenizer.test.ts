import { describe, it, expect } from 'vitest';
import { Tokenizer, defaultTokenizer, normalize } from './tokenizer.js';

describe('tokenizer', () => {
  const tok = defaultTokenizer();

  it('keeps domain terms whole and their parts searchable', () => {
    const toks = tok.tokenize('建设概念验证中心，培育技术经理人，推行揭榜挂帅和作价投资');
    for (const t of ['概念验证中心', '概念验证', '技术经理人', '揭榜挂帅', '作价投资'])
      expect(toks).toContain(t);
    expect(toks).toContain('验证');
    expect(tok.words('建设概念验证中心')).toEqual(['建设', '概念验证中心']);
  });

  it('normalises full-width characters and case without changing length', () => {
    expect(normalize('ＡＢＣ１２３　Ｘ')).toBe('abc123 x');
    expect(normalize('LiDAR').length).toBe(5);
    expect(tok.tokenize('５Ｇ通信ＬｉＤＡＲ')).toEqual(expect.arrayContaining(['5g', '通信', 'lidar']));
  });

  it('drops stopwords and punctuation', () => {
    const toks = tok.tokenize('一种用于电池的方法，以及所述装置。');
    expect(toks).not.toContain('的');
    expect(toks).not.toContain('，');
    expect(toks).not.toContain('所述');
    expect(toks).toContain('电池');
  });

  it('accepts staff terms at runtime', () => {
    const t = new Tokenizer();
    expect(t.words('量子点显示膜材料')).not.toContain('量子点显示膜');
    expect(t.addTerms(['量子点显示膜', '量子点显示膜'])).toBe(1);
    expect(t.words('量子点显示膜材料')).toContain('量子点显示膜');
    expect(t.domainTerms()).toContain('量子点显示膜');
  });

  it('emits marked character bigrams only when asked', () => {
    const t = new Tokenizer({ bigrams: true });
    expect(t.tokenize('固态电解质')).toContain('\u0002解质');
    expect(tok.tokenize('固态电池').some((x) => x.startsWith('\u0002'))).toBe(false);
  });
});
