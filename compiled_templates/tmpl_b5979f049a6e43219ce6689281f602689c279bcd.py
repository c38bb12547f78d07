from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_champ = l_0_paragraphe = l_0_puces = l_0_sources = missing
    pass
    def macro(l_1_libelle, l_1_valeur):
        t_1 = []
        if l_1_libelle is missing:
            l_1_libelle = undefined("parameter 'libelle' was not provided", name='libelle')
        if l_1_valeur is missing:
            l_1_valeur = undefined("parameter 'valeur' was not provided", name='valeur')
        pass
        t_1.extend((
            '- **',
            escape(environment.finalize(l_1_libelle)),
            '\xa0:** ',
            escape(environment.finalize(l_1_valeur)),
        ))
        return concat(t_1)
    context.exported_vars.add('champ')
    context.vars['champ'] = l_0_champ = Macro(environment, macro, 'champ', ('libelle', 'valeur'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_libelle, l_1_valeur):
        t_2 = []
        if l_1_libelle is missing:
            l_1_libelle = undefined("parameter 'libelle' was not provided", name='libelle')
        if l_1_valeur is missing:
            l_1_valeur = undefined("parameter 'valeur' was not provided", name='valeur')
        pass
        t_2.extend((
            '**',
            escape(environment.finalize(l_1_libelle)),
            '\xa0:**\\\n',
            escape(environment.finalize(l_1_valeur)),
        ))
        return concat(t_2)
    context.exported_vars.add('paragraphe')
    context.vars['paragraphe'] = l_0_paragraphe = Macro(environment, macro, 'paragraphe', ('libelle', 'valeur'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_valeur):
        t_3 = []
        if l_1_valeur is missing:
            l_1_valeur = undefined("parameter 'valeur' was not provided", name='valeur')
        pass
        t_3.append(
            escape(environment.finalize(environment.getattr(l_1_valeur, 'puces'))),
        )
        return concat(t_3)
    context.exported_vars.add('puces')
    context.vars['puces'] = l_0_puces = Macro(environment, macro, 'puces', ('valeur',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_outil):
        t_4 = []
        if l_1_outil is missing:
            l_1_outil = undefined("parameter 'outil' was not provided", name='outil')
        pass
        t_4.extend((
            '*Méthode\xa0: guide ORSE / Le RAMEAU «\xa0Partenariats stratégiques ONG-Entreprises\xa0» (2012). Document établi avec ',
            escape(environment.finalize(l_1_outil)),
            ' à partir des réponses du projet\xa0; les passages «\xa0À compléter\xa0» attendent une réponse.*',
        ))
        return concat(t_4)
    context.exported_vars.add('sources')
    context.vars['sources'] = l_0_sources = Macro(environment, macro, 'sources', ('outil',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '4=12&5=21&8=29&9=38&10=40&13=46&14=52&17=58&18=65'